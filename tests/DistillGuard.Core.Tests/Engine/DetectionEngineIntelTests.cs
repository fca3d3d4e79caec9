using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;

namespace DistillGuard.Core.Tests.Engine;

public sealed class DetectionEngineIntelTests
{
    [Fact]
    public void BuildFindings_IntelMatchOnBehaviourallySuspiciousLoneAccount_RaisesRiskButNeverBlocks()
    {
        // The benchmark runner looks like a harvester on its own; intel on its IPs is the only link.
        var traffic = new TrafficBuilder().BenchmarkRunner("bench_1", 400, 3).Casual(60, 4, 3);
        var ips = traffic.Exchanges.Where(e => e.AccountId == "bench_1").Select(e => e.Ip!).ToHashSet(StringComparer.Ordinal);

        var without = EngineRun.Feed(traffic).GetStatus("bench_1")!;
        var engine = EngineRun.Feed(traffic, new IpIntelMatcher(ips));
        var findings = engine.BuildFindings(0, EngineRun.GeneratedAt);
        var with = engine.GetStatus("bench_1")!;

        Assert.True(with.Risk > without.Risk, $"risk {with.Risk} not above {without.Risk}");
        Assert.NotEqual(Verdict.Block, with.Verdict);
        Assert.True(with.Risk < new DetectionOptions().BlockRisk);
        if (findings.Accounts.Find(a => a.AccountId == "bench_1") is { } finding)
        {
            Assert.Contains(finding.Reasons, r => r.Signal == SignalNames.IntelMatch && r.Detail.Contains("peer-lab", StringComparison.Ordinal));
        }
    }

    [Fact]
    public void BuildFindings_IntelMatchOnCampaignMember_AddsIntelReason()
    {
        var traffic = new TrafficBuilder().Campaign("cmpI", 20, 40, 2).Casual(60, 4, 2);
        var ip = traffic.Exchanges.First(e => e.AccountId == "cmpI_000").Ip!;

        var findings = EngineRun.Run(traffic, new IpIntelMatcher(new HashSet<string>(StringComparer.Ordinal) { ip }));

        var matched = findings.Accounts.Where(a => a.Reasons.Exists(r => r.Signal == SignalNames.IntelMatch)).ToList();
        Assert.NotEmpty(matched);
        Assert.Contains(findings.Campaigns[0].Graph!.Edges, e => e.Kind == "intel" || matched.Count == 1);
    }

    [Fact]
    public void WithIntel_RiskBelowBlock_StaysBelowBlock()
    {
        var lifted = RiskModel.WithIntel(0.85, 1.0, 0.9);

        Assert.True(lifted > 0.85);
        Assert.True(lifted < 0.9);
        Assert.True(RiskModel.WithIntel(0.95, 1.0, 0.9) > 0.95);
    }
}
