namespace DistillGuard.Simulation.Truth;

/// <summary>Totals of one honest archetype.</summary>
public sealed class ArchetypeTruth
{
    public string Name { get; set; } = string.Empty;
    public int Accounts { get; set; }
    public long Exchanges { get; set; }
}
