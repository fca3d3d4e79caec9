using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Intel;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Engine;

/// <summary>Replays hand-built traffic through a fresh engine, in timestamp order (or a given order).</summary>
internal static class EngineRun
{
    public static readonly DateTime GeneratedAt = new(2030, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static DetectionEngine Create(IIntelMatcher? intel = null, DetectionOptions? options = null) =>
        new(options ?? new DetectionOptions(), new TestAnalyzer(), intel);

    public static FindingsDocument Run(TrafficBuilder traffic, IIntelMatcher? intel = null, IEnumerable<Exchange>? order = null, IEnumerable<ModelRelease>? releases = null, DetectionOptions? options = null)
    {
        var engine = Feed(traffic, intel, order, releases, options);
        return engine.BuildFindings(0, GeneratedAt);
    }

    /// <summary>A fresh engine that knows the traffic's accounts and has seen no exchange yet.</summary>
    public static DetectionEngine WithAccounts(TrafficBuilder traffic, IIntelMatcher? intel = null, DetectionOptions? options = null)
    {
        var engine = Create(intel, options);
        foreach (var account in traffic.Accounts)
        {
            engine.AddAccount(account);
        }

        return engine;
    }

    public static DetectionEngine Feed(TrafficBuilder traffic, IIntelMatcher? intel = null, IEnumerable<Exchange>? order = null, IEnumerable<ModelRelease>? releases = null, DetectionOptions? options = null)
    {
        var engine = WithAccounts(traffic, intel, options);

        foreach (var release in releases ?? [])
        {
            engine.AddModelRelease(release);
        }

        foreach (var exchange in order ?? InOrder(traffic))
        {
            engine.Observe(exchange);
        }

        return engine;
    }

    /// <summary>The traffic's exchanges in the order a replay feeds them: by timestamp, then account id.</summary>
    public static List<Exchange> InOrder(TrafficBuilder traffic) =>
        [.. traffic.Exchanges.OrderBy(e => e.Timestamp).ThenBy(e => e.AccountId, StringComparer.Ordinal)];

    public static HashSet<string> Flagged(FindingsDocument findings) => findings.Accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
}
