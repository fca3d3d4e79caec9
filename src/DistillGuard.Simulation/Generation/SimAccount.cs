using DistillGuard.Core.Log;
using DistillGuard.Simulation.Network;

namespace DistillGuard.Simulation.Generation;

/// <summary>One simulated account: its accounts-file record, its truth label and how it reaches the API.</summary>
internal sealed class SimAccount
{
    public required AccountRecord Record { get; init; }

    /// <summary>Honest archetype or campaign name.</summary>
    public required string Label { get; init; }

    /// <summary>Index into the scenario's campaigns, or -1 for an honest account.</summary>
    public int Campaign { get; init; } = -1;

    public required string Country { get; init; }
    public double UtcOffsetHours { get; init; }
    public required ClientFingerprint Client { get; set; }

    /// <summary>Home network and the block/host range the account's IPs come from.</summary>
    public required AsnInfo Asn { get; set; }

    public int Block { get; set; }
    public int HostBase { get; set; }
    public int HostSpread { get; set; } = 1;
    public bool UsesIpv6 { get; set; }
    public int ApiKeys { get; init; } = 1;

    /// <summary>First and last moment the account sends traffic (UTC ticks).</summary>
    public long ActiveFromTicks { get; set; }

    public long ActiveUntilTicks { get; set; } = long.MaxValue;

    /// <summary>Group the account was provisioned with (org, campus cohort, lab), for truth metadata.</summary>
    public string? Group { get; init; }

    public long Exchanges { get; set; }
    public long FirstExchangeTicks { get; set; }
    public long LastExchangeTicks { get; set; }

    public string Id => Record.AccountId;
}
