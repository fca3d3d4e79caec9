using DistillGuard.Core.Log;
using DistillGuard.Simulation.Campaigns;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Simulation.Generation;

/// <summary>A scenario resolved for one seed and scale: the accounts, the actors that drive them, the window.</summary>
internal sealed class ScenarioPlan
{
    public required ScenarioDefinition Definition { get; init; }
    public required ulong Seed { get; init; }
    public required double Scale { get; init; }
    public required DateTime Start { get; init; }
    public required DateTime End { get; init; }
    public long StartTicks => Start.Ticks;
    public long EndTicks => End.Ticks;
    public List<SimAccount> Accounts { get; } = [];
    public List<Actor> Actors { get; } = [];

    /// <summary>The scenario's campaigns after scaling and clipping to the window, index-aligned with <see cref="SimAccount.Campaign"/>.</summary>
    public List<CampaignTactics> Campaigns { get; } = [];

    /// <summary>The campaigns' actors, index-aligned with <see cref="Campaigns"/> (for truth metadata).</summary>
    public List<CampaignActor> CampaignActors { get; } = [];

    public required IReadOnlyList<ModelRelease> Models { get; init; }

    /// <summary>The newest model released inside the window, if any (what pivots and adopters move to).</summary>
    public ModelRelease? NewRelease { get; init; }

    public string NextAccountId() => "acct_" + StableHash.Hex(StableHash.Mix(Seed ^ 0xACC7UL, (ulong)Accounts.Count), 12);
}
