using DistillGuard.Core.Log;
using DistillGuard.Simulation.Campaigns;
using DistillGuard.Simulation.Honest;

namespace DistillGuard.Simulation.Scenarios;

/// <summary>The named scenarios: <c>default</c>, one per campaign preset, and <c>full-2026</c>.</summary>
public static class ScenarioCatalog
{
    public const string Default = "default";
    public const string Full = "full-2026";

    private static readonly ModelRelease Large4 = new("atlas-large-4", new DateTime(2025, 9, 29, 17, 0, 0, DateTimeKind.Utc));
    private static readonly ModelRelease Fast4 = new("atlas-fast-4", new DateTime(2025, 10, 15, 17, 0, 0, DateTimeKind.Utc));

    public static IReadOnlyList<string> Names { get; } = [Default, .. CampaignPresets.Names, Full];

    /// <summary>One line per scenario, for <c>distillguard scenarios</c>.</summary>
    public static string Describe(string name) => Get(name).Description;

    public static ScenarioDefinition Get(string name) => name switch
    {
        Default => DefaultScenario(),
        Full => FullScenario(),
        _ when CampaignPresets.Names.Contains(name) => PresetScenario(CampaignPresets.Get(name)),
        _ => throw new ArgumentException($"unknown scenario '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    private static ModelRelease NewModelAt(DateTime releasedAt) => new(CampaignPresets.NewModel, releasedAt);

    private static Dictionary<string, int> HonestPopulation(double factor) => new()
    {
        [HonestArchetypes.CasualChat] = (int)(1100 * factor),
        [HonestArchetypes.Developer] = (int)(350 * factor),
        [HonestArchetypes.AppBackend] = (int)(16 * factor),
        [HonestArchetypes.EnterpriseSeat] = (int)(420 * factor),
        [HonestArchetypes.BenchmarkRunner] = (int)(14 * factor),
        [HonestArchetypes.AgenticPowerUser] = (int)(40 * factor),
        [HonestArchetypes.CampusStudent] = (int)(500 * factor),
        [HonestArchetypes.Reseller] = Math.Max(1, (int)(3 * factor)),
    };

    private static ScenarioDefinition DefaultScenario()
    {
        var start = new DateTime(2026, 2, 2, 0, 0, 0, DateTimeKind.Utc);
        var release = start.AddDays(6).AddHours(17);
        return new ScenarioDefinition
        {
            Name = Default,
            Description = "CI-sized mix: ~2,700 accounts over 14 days, all honest archetypes and all five campaign presets scaled down (a few hundred thousand exchanges)",
            Start = start,
            Days = 14,
            Honest = HonestPopulation(1),
            Models = [Large4, Fast4, NewModelAt(release)],
            ForCi = true,
            Campaigns =
            [
                CampaignPresets.Get(CampaignPresets.DeepSeek) with { Accounts = 24, Start = start.AddDays(2), DurationDays = 10 },
                CampaignPresets.Get(CampaignPresets.Moonshot) with { Accounts = 30, Start = start.AddDays(5), DurationDays = 7 },
                CampaignPresets.Get(CampaignPresets.MiniMax) with { Accounts = 50, Start = start.AddDays(4), DurationDays = 6 },
                CampaignPresets.Get(CampaignPresets.Qwen) with { Accounts = 200, Start = start.AddDays(1), DurationDays = 12 },
                CampaignPresets.Get(CampaignPresets.Hydra) with { Accounts = 150, Start = start.AddDays(1), DurationDays = 12, MeanAccountLifetimeDays = 4 },
            ],
        };
    }

    private static ScenarioDefinition PresetScenario(CampaignTactics preset)
    {
        // Two quiet days before the campaign so baselines exist, one after it ends.
        var start = preset.Start.AddDays(-2).Date;
        var days = Math.Ceiling(preset.DurationDays) + 3;
        var release = preset.PivotModel is not null ? preset.Start.AddDays(preset.DurationDays * 0.5).Date.AddHours(17) : start.AddDays(days * 0.5).Date.AddHours(17);
        return new ScenarioDefinition
        {
            Name = preset.Name,
            Description = $"the {preset.Name} preset at real scale ({preset.Accounts:N0} accounts × {preset.ExchangesPerAccountPerDay:0.#}/day × {preset.DurationDays:0} days) among ~5,000 honest accounts; shrink with --scale",
            Start = start,
            Days = days,
            Honest = HonestPopulation(2),
            Models = [Large4, Fast4, NewModelAt(release)],
            Campaigns = [preset],
        };
    }

    private static ScenarioDefinition FullScenario()
    {
        var start = new DateTime(2025, 12, 30, 0, 0, 0, DateTimeKind.Utc);
        var minimax = CampaignPresets.Get(CampaignPresets.MiniMax);
        var release = minimax.Start.AddDays(minimax.DurationDays * 0.5).Date.AddHours(17);
        return new ScenarioDefinition
        {
            Name = Full,
            Description = "all five campaigns at real scale (~60M campaign exchanges, ~49,000 campaign accounts) among ~50,000 honest accounts, 30 Dec 2025 – 8 Jun 2026; not for CI",
            Start = start,
            Days = 161,
            Honest = HonestPopulation(20),
            Models = [Large4, Fast4, NewModelAt(release)],
            Campaigns = [.. CampaignPresets.Names.Select(CampaignPresets.Get)],
        };
    }
}
