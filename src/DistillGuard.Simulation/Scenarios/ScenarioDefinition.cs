using DistillGuard.Core.Log;
using DistillGuard.Simulation.Campaigns;

namespace DistillGuard.Simulation.Scenarios;

/// <summary>
/// A scenario at scale 1: the window, the honest population (archetype → accounts) and the campaigns.
/// <see cref="ScenarioCatalog"/> holds the named ones; tests may build their own.
/// </summary>
public sealed record ScenarioDefinition
{
    public required string Name { get; init; }
    public required string Description { get; init; }
    public required DateTime Start { get; init; }
    public required double Days { get; init; }

    /// <summary>Honest archetype label → accounts at scale 1.</summary>
    public required IReadOnlyDictionary<string, int> Honest { get; init; }

    public IReadOnlyList<CampaignTactics> Campaigns { get; init; } = [];

    /// <summary>Model releases (models.jsonl); the latest one inside the window is the one campaigns pivot to.</summary>
    public required IReadOnlyList<ModelRelease> Models { get; init; }

    /// <summary>Small enough to generate in CI at scale 1.</summary>
    public bool ForCi { get; init; }
}
