using System.Globalization;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Findings;

/// <summary>
/// Turns the numbers behind a score into reasons: each signal's contribution to the risk logit becomes its weight
/// (shares summing to 1 over the reasons listed), and its detail a sentence with the numbers an analyst can check.
/// </summary>
internal static class ReasonWriter
{
    public const int MaxReasons = 12;

    /// <summary>
    /// Weight given to evidence the fitted model does not score (coefficient 0 on the calibration data) but an
    /// analyst should still see, such as a shared template or synchronised timing.
    /// </summary>
    private const double Corroborating = 0.05;
    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    public static List<Reason> ForAccount(AccountState a, ClusterFeatures? c, int population, DetectionOptions options)
    {
        var model = options.RiskModel;
        var list = new List<(string Signal, double Score, string Detail)>();
        if (c is not null)
        {
            var scale = RiskModel.SizeFactor(c.Active);
            AddLinks(list, a, c, scale, population, model);
            AddCluster(list, c, scale, model);
        }

        AddBehaviour(list, a, model);
        var intel = a.ExchangeIntel ?? a.AccountIntel;
        if (intel is not null)
        {
            list.Add((SignalNames.IntelMatch, 1.0 * intel.Confidence,
                string.Create(Inv, $"matches an indicator shared by {intel.Source}: {intel.Description}{(a.IntelHits > 1 ? $" ({a.IntelHits} matching exchanges)" : string.Empty)}")));
        }

        var via = a.InheritedVia == AttributeKind.EmailDomain ? LinkSlots.EmailDomain : LinkSlots.Payment;
        if (a.InheritedFrom > 0 && a.Links[via] is { } attribute)
        {
            // Its share is the part of the risk logit the inherited verdict added over the account's own evidence.
            var holder = via == LinkSlots.Payment ? $"pays with payment instrument {attribute.Label}" : $"signed up with e-mail domain {attribute.Label}";
            list.Add((SignalNames.BanEvasion, Logit(a.Risk) - Logit(a.OwnRisk), string.Create(Inv,
                $"{holder}, on which {a.InheritedFrom} other {(a.InheritedFrom == 1 ? "account is" : "accounts are")} {(a.InheritedLevel == Verdict.Block ? "blocked" : "throttled")}: a likely replacement for a banned account")));
        }

        if (!list.Exists(static r => r.Score > 0))
        {
            // Never list a flagged account without a reason: fall back to the combined evidence.
            list.Add(c is null
                ? (SignalNames.Behaviour, 1, string.Create(Inv, $"behaviour score {a.Score.Behaviour:0.00} over {a.Exchanges} exchanges"))
                : (SignalNames.LinkedAccounts, 1, string.Create(Inv, $"linked to {c.Members.Count - 1} other accounts through shared attributes; behaviour score {a.Score.Behaviour:0.00}")));
        }

        var reasons = Normalise(list);
        if (a.Verdict == Verdict.Review && ConversationalUse.Holds(a, options))
        {
            // After the weights are shared out: it adds nothing to the risk, it says why the evidence stops at review.
            var s = a.Score;
            reasons.Add(new Reason
            {
                Signal = SignalNames.ConversationalUse,
                Weight = 0,
                Detail = string.Create(Inv, $"held at review: {(1 - s.SingleTurn) * 100:0}% of its {a.Exchanges} exchanges continue a conversation, {s.Templated * 100:0}% follow a template, {s.Hosting * 100:0}% come from hosting networks, all from {a.Asns.Seen} {(a.Asns.Seen == 1 ? "network" : "networks")} in one country: what people at work send, which shared attributes alone do not throttle"),
            });
        }

        return reasons;
    }

    public static List<Reason> ForCampaign(ClusterFeatures c, IReadOnlyList<AccountState> members, IReadOnlyList<AttributeStats> shared, RiskCoefficients model)
    {
        var list = new List<(string Signal, double Score, string Detail)>();
        var scale = RiskModel.SizeFactor(c.Active);
        foreach (var attribute in shared)
        {
            var signal = SharedSignal(attribute.Kind);
            var weight = Math.Max(model.Link(attribute.Kind) * c.LinkShare(attribute.Kind), Corroborating);
            if (list.Exists(r => r.Signal == signal))
            {
                continue;
            }

            list.Add((signal, scale * weight, Describe(attribute, members.Count)));
        }

        AddCluster(list, c, scale, model);
        var cot = members.Sum(m => (long)m.Cot);
        var exchanges = members.Sum(m => m.Exchanges);
        var templated = members.Average(m => (double)m.Score.Templated);
        if (templated >= 0.3)
        {
            list.Add((SignalNames.TemplateConcentration, Math.Max(model[RiskTerm.Templated] * templated, Corroborating),
                string.Create(Inv, $"on average {templated * 100:0}% of each account's prompts follow a few repeated templates")));
        }

        if (exchanges > 0 && cot * 10 >= exchanges)
        {
            var rate = (double)cot / exchanges;
            list.Add((SignalNames.CotElicitation, model[RiskTerm.Cot] * rate,
                string.Create(Inv, $"{rate * 100:0}% of the campaign's {exchanges} prompts elicit full chain-of-thought")));
        }

        return Normalise(list);
    }

    private static void AddLinks(List<(string, double, string)> list, AccountState a, ClusterFeatures c, double scale, int population, RiskCoefficients model)
    {
        Span<double> best = stackalloc double[LinkSlots.Kinds];
        var chosen = new AttributeStats?[LinkSlots.Kinds];
        foreach (var link in a.Links)
        {
            if (link is null)
            {
                continue;
            }

            var w = LinkModel.Weight(link, population);
            var k = (int)link.Kind;
            if (w >= LinkModel.LinkThreshold && w > best[k])
            {
                best[k] = w;
                chosen[k] = link;
            }
        }

        for (var k = 0; k < LinkSlots.Kinds; k++)
        {
            if (chosen[k] is { } attribute)
            {
                list.Add((SharedSignal(attribute.Kind), Math.Max(scale * model.Link(attribute.Kind) * a.LinkWeights[k], Corroborating), Describe(attribute, c.Members.Count)));
            }
        }
    }

    private static string SharedSignal(AttributeKind kind) => kind switch
    {
        AttributeKind.Payment => SignalNames.SharedPayment,
        AttributeKind.IpBlock => SignalNames.SharedIpBlock,
        AttributeKind.ClientFingerprint => SignalNames.SharedClientFingerprint,
        AttributeKind.EmailDomain => SignalNames.SharedEmailDomain,
        _ => SignalNames.SharedTemplate,
    };

    private static string Describe(AttributeStats attribute, int clusterSize) => attribute.Kind switch
    {
        AttributeKind.Payment => string.Create(Inv,
            $"payment instrument {attribute.Label} shared with {attribute.Accounts} accounts ({clusterSize} linked accounts in this cluster)"),
        AttributeKind.IpBlock => string.Create(Inv,
            $"IP block {attribute.Label} ({LogNames.ToWire(attribute.AsnType)} network AS{attribute.Asn}{(attribute.AsnOrg is null ? string.Empty : " " + attribute.AsnOrg)}) used by {attribute.Accounts} accounts in the same week"),
        AttributeKind.EmailDomain => string.Create(Inv,
            $"e-mail domain {attribute.Label} shared with {attribute.Accounts} accounts of no one organisation ({clusterSize} linked accounts in this cluster)"),
        AttributeKind.ClientFingerprint => string.Create(Inv,
            $"identical client fingerprint (user agent + TLS) \"{Truncate(attribute.Label, 80)}\" shared with {attribute.Accounts} accounts"),
        _ => string.Create(Inv,
            $"prompt template {attribute.Label} ({CapabilityNames.ToWire(attribute.Capability)}) repeated by {attribute.Accounts} accounts, {attribute.Exchanges} exchanges"),
    };

    private static void AddCluster(List<(string, double, string)> list, ClusterFeatures c, double scale, RiskCoefficients model)
    {
        if (c.CreationBurst > 0)
        {
            list.Add((SignalNames.CreationBurst, Math.Max(scale * model[RiskTerm.CreationBurst] * c.CreationBurst, Corroborating),
                string.Create(Inv, $"{c.CreationBurstAccounts} of {c.Members.Count} linked accounts were created within 72 hours")));
        }

        if (c.Synchrony >= 0.3)
        {
            list.Add((SignalNames.SynchronizedActivity, Math.Max(scale * model[RiskTerm.Synchrony] * c.Synchrony, Corroborating),
                string.Create(Inv, $"linked accounts are active in the same 15-minute slots ({c.Synchrony * 100:0}% overlap over the last 16 hours)")));
        }

        if (c.TurnTaking >= 0.3)
        {
            list.Add((SignalNames.TurnTaking, Math.Max(scale * model[RiskTerm.TurnTaking] * c.TurnTaking, Corroborating),
                string.Create(Inv, $"linked accounts take turns: their busy 15-minute slots barely overlap while the group is busy around the clock (score {c.TurnTaking:0.00})")));
        }

        if (c.Pivot > 0)
        {
            // Counted, not a percentage: one account of a few hundred read as "0% of linked accounts moved".
            var moved = (int)Math.Round(c.Pivot * c.Active);
            list.Add((SignalNames.ModelPivot, Math.Max(scale * model[RiskTerm.Pivot] * c.Pivot, Corroborating),
                string.Create(Inv, $"{moved} of {c.Active} linked accounts with traffic moved to a newly released model within 24 hours of its release")));
        }
    }

    private static void AddBehaviour(List<(string, double, string)> list, AccountState a, RiskCoefficients model)
    {
        var s = a.Score;
        var n = a.Exchanges;
        var scale = RiskCoefficients.Shrink(n);
        if (s.Templated >= 0.3)
        {
            list.Add((SignalNames.TemplateConcentration, scale * Math.Max(model[RiskTerm.Templated] * s.Templated, Corroborating / scale),
                string.Create(Inv, $"{s.Templated * 100:0}% of {n} prompts follow {a.Templates.Distinct(3)} repeated templates")));
        }

        if (s.Cot >= 0.2)
        {
            list.Add((SignalNames.CotElicitation, scale * model[RiskTerm.Cot] * s.Cot,
                string.Create(Inv, $"{s.Cot * 100:0}% of prompts elicit full chain-of-thought{(a.Trace > 0 ? string.Create(Inv, $", {a.Trace} ask to reconstruct reasoning traces") : string.Empty)}")));
        }

        if (s.TargetedCapability >= 0.4)
        {
            var top = a.TopCapability(out _);
            list.Add((SignalNames.CapabilityConcentration, scale * model[RiskTerm.Targeted] * s.TargetedCapability,
                string.Create(Inv, $"{s.TargetedCapability * 100:0}% of prompts target {CapabilityNames.ToWire(top)}")));
        }

        if (s.SingleTurn >= 0.6)
        {
            list.Add((SignalNames.SingleTurn, scale * model[RiskTerm.SingleTurn] * s.SingleTurn,
                string.Create(Inv, $"{s.SingleTurn * 100:0}% of exchanges are single-turn")));
        }

        if (s.Hosting >= 0.3)
        {
            list.Add((SignalNames.HostingNetwork, scale * model[RiskTerm.Hosting] * s.Hosting,
                string.Create(Inv, $"{s.Hosting * 100:0}% of traffic comes from hosting, proxy or VPN networks")));
        }

        if (s.Young >= 1 && a.CreatedTicks != 0)
        {
            var hours = Math.Max(0, (a.FirstTicks - a.CreatedTicks) / TimeSpan.TicksPerHour);
            list.Add((SignalNames.NewAccount, scale * model[RiskTerm.Young],
                string.Create(Inv, $"first used {hours} hours after sign-up")));
        }

        if (s.Unverified >= 1)
        {
            list.Add((SignalNames.Unverified, scale * model[RiskTerm.Unverified], "identity not verified"));
        }

        if (s.Regular >= 0.4)
        {
            list.Add((SignalNames.RegularPacing, scale * model[RiskTerm.Regular] * s.Regular,
                string.Create(Inv, $"scripted pacing: inter-arrival times vary little (regularity {s.Regular:0.00} over {a.Gaps} gaps)")));
        }

        if (s.AroundTheClock >= 0.5)
        {
            list.Add((SignalNames.AroundTheClock, scale * model[RiskTerm.AroundTheClock] * s.AroundTheClock,
                string.Create(Inv, $"active evenly around the clock over {a.ActiveDays} days")));
        }

        if (s.OutputHeavy >= 0.5)
        {
            var ratio = a.InputTokens == 0 ? 0 : (double)(a.OutputTokens + a.ReasoningTokens) / a.InputTokens;
            list.Add((SignalNames.OutputHarvesting, scale * model[RiskTerm.OutputHeavy] * s.OutputHeavy,
                string.Create(Inv, $"answers are {ratio:0.0}x the size of prompts")));
        }

        if (s.NetworkDiversity >= 0.5)
        {
            list.Add((SignalNames.NetworkRotation, scale * model[RiskTerm.NetworkDiversity] * s.NetworkDiversity,
                string.Create(Inv, $"rotates networks: {a.Ips.Seen} IPs, {a.Asns.Seen} ASNs, {a.Countries.Seen} countries in {n} exchanges")));
        }
    }

    private static double Logit(double p)
    {
        var q = Math.Clamp(p, 1e-6, 1 - 1e-6);
        return Math.Log(q / (1 - q));
    }

    private static List<Reason> Normalise(List<(string Signal, double Score, string Detail)> list)
    {
        list.RemoveAll(static r => r.Score <= 0);
        list.Sort(static (x, y) =>
        {
            var c = y.Score.CompareTo(x.Score);
            return c != 0 ? c : string.CompareOrdinal(x.Signal, y.Signal);
        });
        if (list.Count > MaxReasons)
        {
            list.RemoveRange(MaxReasons, list.Count - MaxReasons);
        }

        var total = 0.0;
        foreach (var r in list)
        {
            total += r.Score;
        }

        var reasons = new List<Reason>(list.Count);
        foreach (var r in list)
        {
            reasons.Add(new Reason { Signal = r.Signal, Weight = Math.Round(r.Score / total, 2), Detail = r.Detail });
        }

        return reasons;
    }

    private static string Truncate(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max), "…");
}
