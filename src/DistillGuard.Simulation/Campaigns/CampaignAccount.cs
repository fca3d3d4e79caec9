using DistillGuard.Simulation.Generation;

namespace DistillGuard.Simulation.Campaigns;

/// <summary>A campaign account and how it reaches the API.</summary>
internal sealed class CampaignAccount
{
    public required SimAccount Account { get; init; }

    /// <summary>Index in the operator's account sequence (what its infrastructure derives from).</summary>
    public required int Slot { get; init; }

    public required ExitKind Exit { get; init; }

    /// <summary>Hosting block or proxy index (hosting/proxy exits).</summary>
    public int PoolIndex { get; init; }

    public int Host { get; init; }

    /// <summary>Current residential exit and until when it sticks (residential proxies rotate per session).</summary>
    public int ResidentialExit { get; set; } = -1;

    public long ResidentialUntilTicks { get; set; }
}
