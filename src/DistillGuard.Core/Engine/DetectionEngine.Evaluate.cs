namespace DistillGuard.Core.Engine;

public sealed partial class DetectionEngine
{
    private readonly List<AccountState> _touched = [];
    private long _lastClustered = long.MinValue;
    private int _evaluation;

    /// <summary>
    /// Re-scores behaviour, re-clusters when <see cref="DetectionOptions.ClusterInterval"/> has passed (or
    /// <paramref name="recluster"/> asks for it), and updates risks and verdicts as of log time <paramref name="at"/>.
    /// Only accounts whose inputs may have changed are re-evaluated (those with traffic since the last tick and the
    /// members of the old and new clusters): an account outside every cluster whose own state did not change keeps
    /// its risk, verdict and (absent) campaign, so skipping it changes nothing.
    /// </summary>
    private void Evaluate(long at, long decidedAt, bool recluster = false)
    {
        var started = Clock.GetTimestamp();
        _appliedSinceEvaluation = 0;
        _evaluationDue = false;
        _evaluation++;
        _touched.Clear();
        RecountOrganisations();
        foreach (var index in _dirty)
        {
            var a = _accounts[index];
            a.Score = BehaviourModel.Score(a);
            Touch(a);
        }

        _dirty.Clear();

        var previous = _clusters;
        // On interval boundaries of log time, so live and replayed traffic re-cluster at the same moments.
        var interval = Options.ClusterInterval.Ticks;
        var reclustered = recluster || _lastClustered == long.MinValue || at / interval > _lastClustered / interval;
        if (reclustered)
        {
            _clusters = _coordination.Run(_accounts, _linked, _activeAccounts, at);
            _lastClustered = at;
            TouchMembers(previous);
            TouchMembers(_clusters);
        }
        else
        {
            // Members can change campaign without traffic (a cluster reaching its third flagged member names them
            // all), but only in a cluster where some member's own state changed: the others keep their inputs.
            TouchClustersOfTouched();
        }

        foreach (var a in _touched)
        {
            // Between clusterings a member's cluster evidence is unchanged; its own score may have moved (dirty).
            var cluster = a.Cluster >= 0 ? _clusters[a.Cluster] : null;
            var risk = RiskModel.Member(a, cluster, Options);
            var intel = a.ExchangeIntel ?? a.AccountIntel;
            if (intel is not null)
            {
                risk = RiskModel.WithIntel(risk, intel.Confidence, Options.BlockRisk);
            }

            a.OwnRisk = (float)risk;
            a.Risk = (float)risk;
            SetHolderLevel(a, a.Override ?? (a.Exchanges == 0 ? Verdict.Allow : VerdictFor(risk)));
        }

        // After every touched account's own level is counted, so the outcome does not depend on their order.
        foreach (var a in _touched)
        {
            InheritFromCoHolders(a, at);
        }

        NameCampaigns(previous, at);
        foreach (var a in _touched)
        {
            Publish(a, at, decidedAt);
        }

        Restand(decidedAt);
        Evaluated?.Invoke(new EngineEvaluation(Clock.GetElapsedTime(started), reclustered, new DateTime(at, DateTimeKind.Utc)));
    }

    private void Touch(AccountState account)
    {
        if (account.TouchedIn != _evaluation)
        {
            account.TouchedIn = _evaluation;
            _touched.Add(account);
        }
    }

    private void TouchClustersOfTouched()
    {
        // Touch appends to _touched; the accounts touched by their own traffic are the ones before it grows.
        var touchedByTraffic = _touched.Count;
        for (var i = 0; i < touchedByTraffic; i++)
        {
            var index = _touched[i].Cluster;
            if (index < 0 || _clusters[index].TouchedIn == _evaluation)
            {
                continue;
            }

            var cluster = _clusters[index];
            cluster.TouchedIn = _evaluation;
            foreach (var m in cluster.Members)
            {
                Touch(m);
            }
        }
    }

    private void TouchMembers(List<ClusterFeatures> clusters)
    {
        foreach (var cluster in clusters)
        {
            foreach (var m in cluster.Members)
            {
                Touch(m);
            }
        }
    }

    /// <summary>
    /// Publishes the account's verdict. A first flag is dated <paramref name="evidenceAt"/>, the log time whose evidence
    /// sufficed (the findings spec's <c>first_flagged_at</c>); a first enforcement <paramref name="decidedAt"/>, the
    /// earliest log time a gateway running this engine enforces it, so leakage never counts as stopped an exchange
    /// the gateway served.
    /// </summary>
    private void Publish(AccountState a, long evidenceAt, long decidedAt)
    {
        var verdict = a.Exchanges == 0 ? Verdict.Allow : VerdictFor(a.Risk);
        var previous = a.Published;
        if (verdict != Verdict.Allow && a.FirstFlaggedTicks == 0)
        {
            a.FirstFlaggedTicks = evidenceAt;
        }

        if (verdict >= Verdict.Throttle && a.FirstEnforcedTicks == 0)
        {
            a.FirstEnforcedTicks = decidedAt;
        }

        var changed = verdict != a.Verdict;
        if (changed && a.FirstEnforcedTicks != 0)
        {
            RecordLapse(a, wasEnforced: a.Verdict >= Verdict.Throttle, isEnforced: verdict >= Verdict.Throttle, decidedAt);
        }

        a.Verdict = verdict;
        if (changed || previous is null || previous.CampaignId != a.CampaignId || Math.Abs(previous.Risk - a.Risk) >= 0.05)
        {
            var status = new AccountStatus(a.Id, verdict, Math.Round(a.Risk, 3), a.CampaignId,
                a.FirstFlaggedTicks == 0 ? null : new DateTime(a.FirstFlaggedTicks, DateTimeKind.Utc));
            a.Published = status;
            _published[a.Id] = status;
            if (changed)
            {
                VerdictChanged?.Invoke(status);
            }
        }
    }

    /// <summary>
    /// An enforced account whose verdict falls below throttle (a re-clustering can take away the cluster evidence that
    /// enforced it) is served again until enforcement comes back: recorded so leakage counts what was served meanwhile.
    /// </summary>
    private static void RecordLapse(AccountState a, bool wasEnforced, bool isEnforced, long decidedAt)
    {
        if (wasEnforced && !isEnforced)
        {
            (a.Lapses ??= []).Add((decidedAt, long.MaxValue));
        }
        else if (!wasEnforced && isEnforced && a.Lapses is [.., (var from, long.MaxValue)])
        {
            a.Lapses[^1] = (from, decidedAt);
        }
    }

    private Verdict VerdictFor(double risk) =>
        risk >= Options.BlockRisk ? Verdict.Block
        : risk >= Options.ThrottleRisk ? Verdict.Throttle
        : risk >= Options.ReviewRisk ? Verdict.Review
        : Verdict.Allow;

    /// <summary>
    /// A cluster is a campaign once it has <see cref="DetectionOptions.MinCampaignAccounts"/> flagged members and its
    /// traffic shows a harvest (<see cref="ShowsHarvest"/>); its id derives from its earliest flagged member, so it stays
    /// the same while the campaign grows. Only members of the previous and current clusters can hold a campaign id.
    /// Each member remembers the evaluation (<paramref name="at"/>) that first named it, which dates the campaign.
    /// </summary>
    private void NameCampaigns(List<ClusterFeatures> previous, long at)
    {
        foreach (var cluster in previous)
        {
            foreach (var m in cluster.Members)
            {
                m.CampaignId = null;
            }
        }

        foreach (var cluster in _clusters)
        {
            cluster.CampaignId = null;
            AccountState? anchor = null;
            var flagged = 0;
            var enforced = 0;
            var harvesting = 0;
            foreach (var m in cluster.Members)
            {
                if (!CountsForCampaign(m))
                {
                    continue;
                }

                flagged++;
                enforced += m.Risk >= Options.ThrottleRisk ? 1 : 0;
                harvesting += ConversationalUse.Reads(m) ? 0 : 1;
                if (anchor is null || m.FirstTicks < anchor.FirstTicks
                    || (m.FirstTicks == anchor.FirstTicks && string.CompareOrdinal(m.Id, anchor.Id) < 0))
                {
                    anchor = m;
                }
            }

            if (anchor is null || flagged < Options.MinCampaignAccounts || !ShowsHarvest(enforced, harvesting))
            {
                continue;
            }

            cluster.CampaignId = "cmp_" + (StableHash.Of(anchor.Id) & 0xffffffff).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
            foreach (var m in cluster.Members)
            {
                if (CountsForCampaign(m))
                {
                    m.CampaignId = cluster.CampaignId;
                    if (m.FirstCampaignTicks == 0)
                    {
                        m.FirstCampaignTicks = at;
                    }
                }
            }
        }
    }

    /// <summary>
    /// Whether a cluster's flagged members are evidence of a harvest: one of them enforced, or
    /// <see cref="DetectionOptions.MinCampaignAccounts"/> of them whose traffic so far does not read as conversational
    /// (<see cref="ConversationalUse.Reads"/>, however few exchanges). A few colleagues on a company card, each with a
    /// handful of chats, are listed for review on the card alone and are no campaign; an operator that keeps its accounts
    /// under the throttle risk still is, and a campaign's first accounts, single-turn from their first exchanges, are
    /// named as soon as three are flagged. With the hold off every flagged member counts, as before it.
    /// </summary>
    private bool ShowsHarvest(int enforced, int harvesting) =>
        !Options.HoldConversationalUse || enforced > 0 || harvesting >= Options.MinCampaignAccounts;

    /// <summary>
    /// A flagged member, unless its conversational use holds it at review: such an account is listed for a person to
    /// look at, but what it sends is no evidence of a campaign, so a team on one company card is not reported as one.
    /// </summary>
    private bool CountsForCampaign(AccountState m) =>
        m.Exchanges > 0 && m.Risk >= Options.ReviewRisk && (m.Risk >= Options.ThrottleRisk || !ConversationalUse.Holds(m, Options));
}
