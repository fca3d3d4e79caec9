using DistillGuard.Simulation.Generation;

namespace DistillGuard.Simulation.Honest;

/// <summary>
/// Timing of one honest archetype: sessions per active day (log-normal per account: heavy-tailed volumes), how
/// often a day is active, session length and pacing, and the diurnal shape.
/// </summary>
internal sealed record ArchetypeProfile(
    string Label,
    double SessionsPerDayMedian,
    double SessionsSigma,
    double ActiveDayProbability,
    double RequestsPerSessionMean,
    double GapSecondsMedian,
    DiurnalShape Shape)
{
    public static ArchetypeProfile For(string label) => label switch
    {
        HonestArchetypes.CasualChat => new(label, 1.2, 0.8, 0.35, 3, 50, DiurnalShape.Evening),
        HonestArchetypes.Developer or HonestArchetypes.CompanyCardDeveloper => new(label, 3, 0.9, 0.6, 3.5, 70, DiurnalShape.Work),
        HonestArchetypes.AppBackend => new(label, 150, 1.0, 1.0, 1, 1, DiurnalShape.Flat),
        HonestArchetypes.EnterpriseSeat => new(label, 3, 0.8, 0.75, 2.5, 60, DiurnalShape.Work),
        HonestArchetypes.BenchmarkRunner => new(label, 0.6, 0.5, 0.6, 500, 2.5, DiurnalShape.Work),
        HonestArchetypes.AgenticPowerUser => new(label, 3, 0.7, 0.75, 45, 14, DiurnalShape.Work),
        HonestArchetypes.CampusStudent => new(label, 1.3, 0.7, 0.5, 3, 60, DiurnalShape.Student),
        HonestArchetypes.Reseller => new(label, 800, 0.6, 1.0, 1, 1, DiurnalShape.Flat),
        _ => throw new ArgumentException($"unknown archetype '{label}'", nameof(label)),
    };
}
