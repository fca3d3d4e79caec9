namespace DistillGuard.Core.Engine;

public sealed partial class DetectionEngine
{
    /// <summary>Re-scores behaviour, re-clusters, and updates risks and verdicts as of log time <paramref name="at"/>.</summary>
    private void Evaluate(long at)
    {
        _appliedSinceEvaluation = 0;
        _lastEvaluated = at;
        foreach (var a in _accounts)
        {
            if (a.Dirty)
            {
                a.Score = BehaviourModel.Score(a);
                a.Dirty = false;
            }
        }

        _clusters = _coordination.Run(_accounts, at);
        foreach (var a in _accounts)
        {
            var cluster = a.Cluster >= 0 ? _clusters[a.Cluster] : null;
            var risk = RiskModel.Member(a, cluster, Options.ReviewRisk);
            var intel = a.ExchangeIntel ?? a.AccountIntel;
            if (intel is not null)
            {
                risk = RiskModel.WithIntel(risk, intel.Confidence, Options.BlockRisk);
            }

            a.Risk = (float)risk;
        }

        NameCampaigns();
        foreach (var a in _accounts)
        {
            var verdict = a.Exchanges == 0 ? Verdict.Allow : VerdictFor(a.Risk);
            var previous = _published.GetValueOrDefault(a.Id);
            if (verdict != Verdict.Allow && a.FirstFlaggedTicks == 0)
            {
                a.FirstFlaggedTicks = at;
            }

            if (verdict >= Verdict.Throttle && a.FirstEnforcedTicks == 0)
            {
                a.FirstEnforcedTicks = at;
            }

            var changed = verdict != a.Verdict;
            a.Verdict = verdict;
            if (changed || previous is null || previous.CampaignId != a.CampaignId || Math.Abs(previous.Risk - a.Risk) >= 0.05)
            {
                var status = new AccountStatus(a.Id, verdict, Math.Round(a.Risk, 3), a.CampaignId,
                    a.FirstFlaggedTicks == 0 ? null : new DateTime(a.FirstFlaggedTicks, DateTimeKind.Utc));
                _published[a.Id] = status;
                if (changed)
                {
                    VerdictChanged?.Invoke(status);
                }
            }
        }
    }

    private Verdict VerdictFor(double risk) =>
        risk >= Options.BlockRisk ? Verdict.Block
        : risk >= Options.ThrottleRisk ? Verdict.Throttle
        : risk >= Options.ReviewRisk ? Verdict.Review
        : Verdict.Allow;

    /// <summary>
    /// A cluster is a campaign once it has <see cref="DetectionOptions.MinCampaignAccounts"/> flagged members; its id
    /// derives from its earliest flagged member, so it stays the same while the campaign grows.
    /// </summary>
    private void NameCampaigns()
    {
        foreach (var a in _accounts)
        {
            a.CampaignId = null;
        }

        foreach (var cluster in _clusters)
        {
            cluster.CampaignId = null;
            AccountState? anchor = null;
            var flagged = 0;
            foreach (var m in cluster.Members)
            {
                if (m.Exchanges == 0 || m.Risk < Options.ReviewRisk)
                {
                    continue;
                }

                flagged++;
                if (anchor is null || m.FirstTicks < anchor.FirstTicks
                    || (m.FirstTicks == anchor.FirstTicks && string.CompareOrdinal(m.Id, anchor.Id) < 0))
                {
                    anchor = m;
                }
            }

            if (anchor is null || flagged < Options.MinCampaignAccounts)
            {
                continue;
            }

            cluster.CampaignId = "cmp_" + (StableHash.Of(anchor.Id) & 0xffffffff).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var m in cluster.Members)
            {
                if (m.Exchanges > 0 && m.Risk >= Options.ReviewRisk)
                {
                    m.CampaignId = cluster.CampaignId;
                }
            }
        }
    }
}
