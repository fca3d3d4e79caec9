using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Honest;
using DistillGuard.Simulation.Truth;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// Scores a findings document against a scenario's truth: account-level precision, recall and false-positive rate
/// (flagged = any verdict but allow; enforced = throttle or block), false positives per honest archetype (with the
/// exchanges they sent while enforced, given the log), and per campaign recall, hours to detect and — given the log —
/// leakage. With the log it also scores a naive per-account daily quota on the same traffic, the baseline a gateway
/// has today.
/// </summary>
public static class Evaluator
{
    public static EvaluationReport Evaluate(TruthDocument truth, FindingsDocument findings, IEnumerable<LogEntry>? log = null, EvaluationOptions? options = null)
    {
        options ??= new EvaluationOptions();
        var observed = new Dictionary<string, AccountTruth>(StringComparer.Ordinal);
        foreach (var a in truth.Accounts)
        {
            if (a.Exchanges > 0)
            {
                observed[a.AccountId] = a;
            }
        }

        var verdicts = new Dictionary<string, AccountFinding>(StringComparer.Ordinal);
        var unknown = 0;
        foreach (var f in findings.Accounts)
        {
            if (!VerdictNames.TryParse(f.Verdict, out var verdict) || verdict == Verdict.Allow)
            {
                continue;
            }

            if (observed.ContainsKey(f.AccountId))
            {
                verdicts[f.AccountId] = f;
            }
            else
            {
                unknown++;
            }
        }

        // Enforced once, at allow by the end: not flagged, but what their enforcement cost or stopped still counts.
        var released = new Dictionary<string, ReleasedAccount>(StringComparer.Ordinal);
        foreach (var r in findings.ReleasedAccounts ?? [])
        {
            if (observed.ContainsKey(r.AccountId) && !verdicts.ContainsKey(r.AccountId))
            {
                released[r.AccountId] = r;
            }
        }

        var report = new EvaluationReport
        {
            Scenario = truth.Scenario,
            Accounts = observed.Count,
            CampaignAccounts = observed.Values.Count(a => a.Campaign),
            HonestAccounts = observed.Values.Count(a => !a.Campaign),
            UnknownAccounts = unknown,
        };

        report.Findings = Score("findings", truth, observed, id => verdicts.TryGetValue(id, out var f)
            ? new Outcome(true, IsEnforced(f.Verdict), f.WasEnforced(), f.FirstFlaggedAt)
            : new Outcome(false, false, released.ContainsKey(id), null));
        MatchCampaigns(report.Findings, findings, observed);

        if (log is not null)
        {
            var replay = LogReplay.Run(log, observed, verdicts, released, options.DailyQuota);
            foreach (var c in report.Findings.Campaigns)
            {
                c.Leakage = replay.Leakage(c.Name);
            }

            foreach (var a in report.Findings.Archetypes)
            {
                a.ExchangesWhileEnforced = replay.HonestWhileEnforced(a.Name);
            }

            report.DailyQuota = options.DailyQuota;
            report.Baseline = Score($"daily quota {options.DailyQuota}/account", truth, observed, id => replay.Trips.TryGetValue(id, out var at)
                ? new Outcome(true, true, true, at)
                : default);
            foreach (var c in report.Baseline.Campaigns)
            {
                c.Leakage = replay.BaselineServed(c.Name);
            }

            foreach (var a in report.Baseline.Archetypes)
            {
                a.ExchangesWhileEnforced = replay.HonestOverQuota(a.Name);
            }
        }

        return report;
    }

    private static bool IsEnforced(string verdict) => VerdictNames.TryParse(verdict, out var v) && v >= Verdict.Throttle;

    private static DetectorScore Score(string name, TruthDocument truth, Dictionary<string, AccountTruth> observed, Func<string, Outcome> outcomeOf)
    {
        var score = new DetectorScore { Detector = name };
        var archetypes = new Dictionary<string, ArchetypeScore>(StringComparer.Ordinal);
        foreach (var archetype in HonestArchetypes.All)
        {
            archetypes[archetype] = new ArchetypeScore { Name = archetype };
        }

        var campaigns = new Dictionary<string, CampaignScore>(StringComparer.Ordinal);
        foreach (var c in truth.Campaigns)
        {
            campaigns[c.Name] = new CampaignScore { Name = c.Name, FirstExchange = c.FirstExchange };
        }

        foreach (var a in observed.Values.OrderBy(a => a.AccountId, StringComparer.Ordinal))
        {
            var outcome = outcomeOf(a.AccountId);
            Count(score.Flagged, a.Campaign, outcome.Flagged);
            Count(score.Enforced, a.Campaign, outcome.Enforced);
            if (a.Campaign)
            {
                if (!campaigns.TryGetValue(a.Label, out var c))
                {
                    c = new CampaignScore { Name = a.Label };
                    campaigns[a.Label] = c;
                }

                c.Accounts++;
                c.Exchanges += a.Exchanges;
                c.Flagged += outcome.Flagged ? 1 : 0;
                c.Enforced += outcome.Enforced ? 1 : 0;
                if (a.FirstExchange is { } first && (c.FirstExchange is null || first < c.FirstExchange))
                {
                    c.FirstExchange = first;
                }

                if (outcome.Flagged && outcome.At is { } at && (c.DetectedAt is null || at < c.DetectedAt))
                {
                    c.DetectedAt = at;
                }
            }
            else
            {
                if (!archetypes.TryGetValue(a.Label, out var s))
                {
                    s = new ArchetypeScore { Name = a.Label };
                    archetypes[a.Label] = s;
                }

                s.Accounts++;
                s.Exchanges += a.Exchanges;
                s.Flagged += outcome.Flagged ? 1 : 0;
                s.Enforced += outcome.Enforced ? 1 : 0;
                s.EverEnforced += outcome.EverEnforced ? 1 : 0;
            }
        }

        score.Archetypes = [.. archetypes.Values.Where(s => s.Accounts > 0)];
        score.Campaigns = [.. campaigns.Values.Where(c => c.Accounts > 0)];
        return score;
    }

    private static void Count(ConfusionCounts counts, bool campaign, bool flagged)
    {
        if (campaign)
        {
            if (flagged)
            {
                counts.TruePositives++;
            }
            else
            {
                counts.FalseNegatives++;
            }
        }
        else if (flagged)
        {
            counts.FalsePositives++;
        }
        else
        {
            counts.TrueNegatives++;
        }
    }

    // A findings campaign matches the truth campaign that holds most of its (known) accounts; its detected_at then
    // counts as that truth campaign's detection when earlier than any member's first_flagged_at.
    private static void MatchCampaigns(DetectorScore score, FindingsDocument findings, Dictionary<string, AccountTruth> observed)
    {
        var byName = score.Campaigns.ToDictionary(c => c.Name, StringComparer.Ordinal);
        score.FindingsCampaigns = findings.Campaigns.Count;
        foreach (var fc in findings.Campaigns.OrderBy(c => c.CampaignId, StringComparer.Ordinal))
        {
            var votes = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var id in fc.AccountIds)
            {
                if (observed.TryGetValue(id, out var a))
                {
                    var key = a.Campaign ? a.Label : string.Empty;
                    votes[key] = votes.GetValueOrDefault(key) + 1;
                }
            }

            var known = votes.Values.Sum();
            NoteMixing(score, fc.CampaignId, votes, byName);
            var best = votes.Where(kv => kv.Key.Length > 0).OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal).FirstOrDefault();
            if (best.Key is null || best.Value * 2 <= known || !byName.TryGetValue(best.Key, out var c))
            {
                score.UnmatchedCampaignIds.Add(fc.CampaignId);
                continue;
            }

            c.MatchedCampaignIds.Add(fc.CampaignId);
            c.LargestMatchAccounts = Math.Max(c.LargestMatchAccounts, best.Value);
            var detected = fc.DetectedAt;
            if (detected is { } d && (c.DetectedAt is null || d < c.DetectedAt))
            {
                c.DetectedAt = d;
            }
        }
    }

    /// <summary>A findings campaign holding accounts of several true campaigns: each of them is mixed with the others.</summary>
    private static void NoteMixing(DetectorScore score, string campaignId, Dictionary<string, int> votes, Dictionary<string, CampaignScore> byName)
    {
        var operators = votes.Keys.Where(k => k.Length > 0).Order(StringComparer.Ordinal).ToList();
        if (operators.Count < 2)
        {
            return;
        }

        score.MixedCampaignIds.Add(campaignId);
        foreach (var name in operators)
        {
            if (!byName.TryGetValue(name, out var c))
            {
                continue;
            }

            foreach (var other in operators)
            {
                if (other != name && !c.MixedWith.Contains(other))
                {
                    c.MixedWith.Add(other);
                }
            }

            c.MixedWith.Sort(StringComparer.Ordinal);
        }
    }

    /// <param name="Flagged">Any verdict but allow at the end.</param>
    /// <param name="Enforced">Throttled or blocked at the end.</param>
    /// <param name="EverEnforced">Throttled or blocked at some time.</param>
    /// <param name="At">When it was first flagged.</param>
    private readonly record struct Outcome(bool Flagged, bool Enforced, bool EverEnforced, DateTime? At);
}
