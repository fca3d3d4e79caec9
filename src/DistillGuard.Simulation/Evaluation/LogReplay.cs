using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Truth;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// One pass over the log (in time order): per campaign, exchanges served before each account's first enforcement or
/// while its enforcement had lapsed (leakage); per honest archetype, exchanges sent while enforced (the harm); and the
/// naive daily quota baseline — when each account first exceeded the quota, how many campaign exchanges the quota
/// would still have served, and how many honest ones it would have refused.
/// </summary>
internal sealed class LogReplay
{
    private readonly Dictionary<string, long> _campaignTotal = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _leaked = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _quotaServed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _honestWhileEnforced = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _honestOverQuota = new(StringComparer.Ordinal);

    public Dictionary<string, DateTime> Trips { get; } = new(StringComparer.Ordinal);

    public static LogReplay Run(IEnumerable<LogEntry> log, Dictionary<string, AccountTruth> observed, Dictionary<string, AccountFinding> verdicts,
        Dictionary<string, ReleasedAccount> released, int dailyQuota)
    {
        var replay = new LogReplay();
        var enforcedAt = new Dictionary<string, DateTime>(StringComparer.Ordinal);
        var lapses = new Dictionary<string, List<EnforcementLapse>>(StringComparer.Ordinal);
        foreach (var (id, f) in verdicts)
        {
            if (f.WasEnforced())
            {
                // first_enforced_at is when throttling or blocking began; an account back at review by the end has it
                // and a lapse still open. Findings from producers that do not write it fall back to first_flagged_at,
                // the earliest enforcement could have started (an optimistic bound); an enforced account with neither
                // counts as enforced only at the end (all leaked).
                enforcedAt[id] = f.FirstEnforcedAt ?? f.FirstFlaggedAt ?? DateTime.MaxValue;
                if (f.Lapses is { Count: > 0 } stretches)
                {
                    // What was served while the verdict had fallen below throttle leaked too.
                    lapses[id] = stretches;
                }
            }
        }

        foreach (var (id, r) in released)
        {
            // Its last lapse, still open, is the release: what came after it was served.
            enforcedAt[id] = r.FirstEnforcedAt;
            lapses[id] = r.Lapses;
        }

        var quota = new Dictionary<string, (long Day, int Count)>(StringComparer.Ordinal);
        foreach (var entry in log)
        {
            if (!observed.TryGetValue(entry.AccountId, out var account))
            {
                continue;
            }

            var day = entry.Timestamp.Ticks / TimeSpan.TicksPerDay;
            var state = quota.TryGetValue(account.AccountId, out var s) && s.Day == day ? (day, s.Count + 1) : (day, 1);
            quota[account.AccountId] = state;
            var withinQuota = state.Item2 <= dailyQuota;
            if (!withinQuota && !replay.Trips.ContainsKey(account.AccountId))
            {
                replay.Trips[account.AccountId] = entry.Timestamp;
            }

            var enforced = enforcedAt.TryGetValue(account.AccountId, out var at) && entry.Timestamp >= at
                && !(lapses.TryGetValue(account.AccountId, out var stretches) && InLapse(stretches, entry.Timestamp));
            if (!account.Campaign)
            {
                if (enforced)
                {
                    Add(replay._honestWhileEnforced, account.Label);
                }

                if (!withinQuota)
                {
                    Add(replay._honestOverQuota, account.Label);
                }

                continue;
            }

            Add(replay._campaignTotal, account.Label);
            if (withinQuota)
            {
                Add(replay._quotaServed, account.Label);
            }

            if (!enforced)
            {
                Add(replay._leaked, account.Label);
            }
        }

        return replay;
    }

    public double? Leakage(string campaign) => Share(_leaked, campaign);

    public double? BaselineServed(string campaign) => Share(_quotaServed, campaign);

    /// <summary>Exchanges the archetype's accounts sent while throttled or blocked.</summary>
    public long HonestWhileEnforced(string archetype) => _honestWhileEnforced.GetValueOrDefault(archetype);

    /// <summary>Exchanges the archetype's accounts sent over the daily quota: what the quota would have refused.</summary>
    public long HonestOverQuota(string archetype) => _honestOverQuota.GetValueOrDefault(archetype);

    private double? Share(Dictionary<string, long> counts, string campaign) =>
        _campaignTotal.TryGetValue(campaign, out var total) && total > 0 ? Math.Round((double)counts.GetValueOrDefault(campaign) / total, 4) : null;

    private static bool InLapse(List<EnforcementLapse> lapses, DateTime at)
    {
        // A loop, not a capturing lambda: this runs for every exchange of an account that ever lapsed.
        foreach (var l in lapses)
        {
            if (at >= l.From && (l.To is not { } to || at < to))
            {
                return true;
            }
        }

        return false;
    }

    private static void Add(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;
}
