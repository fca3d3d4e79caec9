using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Engine;

public sealed class DetectionEngineTimingTests
{
    [Fact]
    public void BuildFindings_SameTrafficTwice_ByteIdenticalJson()
    {
        var first = FindingsSerializer.ToJson(EngineRun.Run(Traffic()));
        var second = FindingsSerializer.ToJson(EngineRun.Run(Traffic()));

        Assert.Contains("cmp_", first, StringComparison.Ordinal);
        Assert.Equal(first, second);
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(120, true)]
    [InlineData(899, true)]
    [InlineData(900, false)]
    [InlineData(-1, false)]
    public void AllowsReorderTolerance_FromZeroToUnderATick(int seconds, bool allowed)
    {
        var options = new DetectionOptions { ReorderTolerance = TimeSpan.FromSeconds(seconds) };

        Assert.Equal(TimeSpan.FromMinutes(15), options.Tick);
        Assert.Equal(allowed, options.AllowsReorderTolerance(options.ReorderTolerance));
        if (allowed)
        {
            options.Validate();
        }
        else
        {
            Assert.Throws<ArgumentException>(options.Validate);
        }
    }

    [Fact]
    public void SnapshotFindings_AskedForThroughoutALiveRun_ChangesNothingTheEngineDecides()
    {
        var traffic = Traffic();
        var scanned = FindingsSerializer.ToJson(EngineRun.Run(traffic));
        var live = EngineRun.WithAccounts(traffic);
        var shown = new List<FindingsDocument>();
        var seen = 0;

        // A dashboard asking every few exchanges, as a browser polling a busy gateway does.
        foreach (var exchange in EngineRun.InOrder(traffic))
        {
            live.Observe(exchange);
            if (++seen % 7 == 0)
            {
                shown.Add(live.SnapshotFindings(EngineRun.GeneratedAt));
            }
        }

        Assert.Equal(scanned, FindingsSerializer.ToJson(live.BuildFindings(0, EngineRun.GeneratedAt)));
        // The snapshots showed the campaign as it was found, not an empty document.
        Assert.Contains(shown, f => f.Campaigns.Count == 1);
        Assert.Contains(shown, f => f.Campaigns.Count == 0);
    }

    [Fact]
    public void Observe_DisorderWithinReorderTolerance_SameFindings()
    {
        var traffic = Traffic();
        var ordered = EngineRun.InOrder(traffic);
        // Feed on "completion": each exchange delayed by up to 90 s (tolerance is 2 minutes), as the gateway does.
        var random = new Random(11);
        var completion = ordered.Select(e => (Exchange: e, Done: e.Timestamp.AddSeconds(random.Next(90)))).OrderBy(p => p.Done).Select(p => p.Exchange).ToList();
        Assert.NotEqual(ordered, completion);

        var inOrder = FindingsSerializer.ToJson(EngineRun.Run(traffic, order: ordered));
        var disordered = FindingsSerializer.ToJson(EngineRun.Run(traffic, order: completion));

        Assert.Equal(inOrder, disordered);
    }

    [Fact]
    public void BuildFindings_Campaign_FlaggedAtTickBoundaryWithin24HoursOfFirstExchange()
    {
        var findings = EngineRun.Run(Traffic());

        var campaign = Assert.Single(findings.Campaigns);
        Assert.NotNull(campaign.DetectedAt);
        Assert.True(campaign.DetectedAt.Value - campaign.FirstSeen < TimeSpan.FromHours(24), $"detected {campaign.DetectedAt} after first seen {campaign.FirstSeen}");
        Assert.All(findings.Accounts, a => Assert.Equal(0, a.FirstFlaggedAt!.Value.Ticks % TimeSpan.FromMinutes(15).Ticks));
    }

    [Fact]
    public void BuildFindings_HourlyClustering_DetectsOnATickAtMost45MinutesAfterClusteringEveryTick()
    {
        var hourly = Assert.Single(EngineRun.Run(Traffic()).Campaigns);
        var everyTick = Assert.Single(EngineRun.Run(Traffic(), options: new DetectionOptions { ClusterInterval = TimeSpan.FromMinutes(15) }).Campaigns);

        Assert.NotNull(hourly.DetectedAt);
        Assert.NotNull(everyTick.DetectedAt);
        Assert.Equal(0, hourly.DetectedAt.Value.Ticks % TimeSpan.FromMinutes(15).Ticks);
        Assert.InRange(hourly.DetectedAt.Value - everyTick.DetectedAt.Value, TimeSpan.Zero, TimeSpan.FromMinutes(45));
        Assert.Equal(everyTick.Accounts, hourly.Accounts);
    }

    [Theory]
    [InlineData(10)]
    [InlineData(20)]
    public void Validate_ClusterIntervalNotAWholeNumberOfTicks_Throws(int minutes)
    {
        var options = new DetectionOptions { ClusterInterval = TimeSpan.FromMinutes(minutes) };

        var error = Assert.Throws<ArgumentException>(options.Validate);
        Assert.Contains("ClusterInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildFindings_EnforcedAccounts_FirstEnforcedWhenTheirTickClosedNotWhenItEnded()
    {
        var findings = EngineRun.Run(Traffic());

        // The tick's evidence ends at its end (first_flagged_at); a gateway enforces the verdict only once the engine
        // closes the tick, the reorder tolerance later, and leakage must count what it served until then.
        var tolerance = new DetectionOptions().ReorderTolerance;
        var enforced = findings.Accounts.Where(a => a.Verdict is "throttle" or "block").ToList();
        Assert.NotEmpty(enforced);
        Assert.All(enforced, a =>
        {
            Assert.NotNull(a.FirstEnforcedAt);
            Assert.True(a.FirstEnforcedAt >= a.FirstFlaggedAt + tolerance, $"{a.AccountId} enforced at {a.FirstEnforcedAt}, first flagged at {a.FirstFlaggedAt}");
            Assert.Equal(0, (a.FirstEnforcedAt!.Value - tolerance).Ticks % TimeSpan.FromMinutes(15).Ticks);
            Assert.Equal(0, a.FirstFlaggedAt!.Value.Ticks % TimeSpan.FromMinutes(15).Ticks);
        });
    }

    [Fact]
    public void Observe_CampaignTraffic_RaisesVerdictChangedAndPublishesStatus()
    {
        var traffic = Traffic();
        var engine = EngineRun.WithAccounts(traffic);
        var changes = new List<AccountStatus>();
        engine.VerdictChanged += changes.Add;

        var last = Verdict.Allow;
        foreach (var exchange in traffic.Exchanges.OrderBy(e => e.Timestamp))
        {
            var verdict = engine.Observe(exchange);
            if (exchange.AccountId == "cmpT_000")
            {
                last = verdict;
            }
        }

        Assert.Contains(changes, c => c.AccountId == "cmpT_000" && c.Verdict != Verdict.Allow);
        Assert.DoesNotContain(changes, c => c.AccountId.StartsWith("casual", StringComparison.Ordinal));
        var status = engine.GetStatus("cmpT_000");
        Assert.NotNull(status);
        Assert.Equal(last, status.Verdict);
        Assert.NotNull(status.CampaignId);
        Assert.Equal(Verdict.Allow, engine.GetStatus("casual_0001")!.Verdict);
    }

    [Fact]
    public void GetStatus_CampaignMembers_PublishedCampaignMatchesTheEngineAfterEveryExchange()
    {
        var traffic = Traffic();
        var engine = EngineRun.WithAccounts(traffic);

        var ids = traffic.Labels.Keys.Where(k => k.StartsWith("cmpT", StringComparison.Ordinal)).ToList();
        var named = false;
        foreach (var exchange in traffic.Exchanges.OrderBy(e => e.Timestamp))
        {
            engine.Observe(exchange);

            // What a live gateway reads must match the engine's own placement at every moment, including for members
            // flagged in earlier ticks that had no traffic in the tick where their campaign got (or changed) its name.
            foreach (var id in ids)
            {
                var published = engine.GetStatus(id)!.CampaignId;
                Assert.Equal(engine.CampaignOf(id), published);
                named |= published is not null;
            }
        }

        Assert.True(named, "the campaign was never named live");
    }

    [Fact]
    public void Advance_QuietClock_EvaluatesBufferedExchanges()
    {
        var traffic = Traffic();
        var engine = EngineRun.WithAccounts(traffic);

        var ordered = traffic.Exchanges.OrderBy(e => e.Timestamp).ToList();
        foreach (var exchange in ordered)
        {
            engine.Observe(exchange);
        }

        var before = engine.GetStatus("cmpT_000")!.Risk;
        engine.Advance(ordered[^1].Timestamp.AddHours(1));

        Assert.True(engine.GetStatus("cmpT_000")!.Risk >= before);
        Assert.NotEqual(Verdict.Allow, engine.GetStatus("cmpT_000")!.Verdict);
    }

    [Fact]
    public void AddAccount_RecordArrivingAfterTheAccountsLastExchange_CountsAtTheNextTickWithoutItsOwnTraffic()
    {
        // The gateway's admin API can hand the engine an account's record after its traffic (POST /admin/accounts for
        // an account that has already called): the next tick re-decides it, whoever's traffic closes that tick.
        var traffic = new TrafficBuilder().BenchmarkRunner("bench_1", 400, 2).Casual(60, 4, 4);
        var record = traffic.Accounts.Single(a => a.AccountId == "bench_1");
        var ordered = EngineRun.InOrder(traffic);
        var lastOwn = ordered.FindLastIndex(e => e.AccountId == "bench_1");
        Assert.True(ordered[^1].Timestamp - ordered[lastOwn].Timestamp > TimeSpan.FromDays(1), "others' traffic must outlast bench_1's");

        // An hour on, bench_1's last exchange has been applied and decided: the record comes after that decision.
        var recordArrives = ordered.FindIndex(e => e.Timestamp >= ordered[lastOwn].Timestamp.AddHours(1));

        DetectionEngine WithoutItsRecord()
        {
            var engine = EngineRun.Create();
            foreach (var account in traffic.Accounts.Where(a => a != record))
            {
                engine.AddAccount(account);
            }

            return engine;
        }

        var late = WithoutItsRecord();
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i == recordArrives)
            {
                late.AddAccount(record);
            }

            late.Observe(ordered[i]);
        }

        var never = WithoutItsRecord();
        foreach (var exchange in ordered)
        {
            never.Observe(exchange);
        }

        var fromStart = EngineRun.Feed(traffic);
        Assert.NotEqual(RiskOf(never, "bench_1"), RiskOf(fromStart, "bench_1"));
        Assert.Equal(RiskOf(fromStart, "bench_1"), RiskOf(late, "bench_1"));
    }

    [Theory]
    [InlineData(20)]
    [InlineData(1)]
    public void BuildFindings_CampaignMovingToNewModelWithinADay_ReportsModelPivot(int moving)
    {
        var traffic = new TrafficBuilder().Campaign("cmpP", 20, 40, 2).Casual(100, 4, 3);
        var release = TrafficBuilder.Start.AddDays(2);
        foreach (var id in traffic.Labels.Keys.Where(k => k.StartsWith("cmpP", StringComparison.Ordinal)).Order(StringComparer.Ordinal).Take(moving))
        {
            for (var k = 0; k < 30; k++)
            {
                traffic.Exchanges.Add(TrafficBuilder.Make(release.AddHours(2).AddMinutes(k * 20), id, $"Solve the following problem step by step: {k}", "203.0.113.9", 64500, AsnType.Hosting, "SG", "python-httpx/0.27.0", "ja3_cmp", model: "frontier-large-3"));
            }
        }

        var findings = EngineRun.Run(traffic, releases: [new ModelRelease("frontier-large-3", release)]);

        var campaign = Assert.Single(findings.Campaigns);
        var pivot = Assert.Single(campaign.Reasons, r => r.Signal == SignalNames.ModelPivot);
        Assert.StartsWith($"{moving} of 20 linked accounts with traffic moved to a newly released model", pivot.Detail, StringComparison.Ordinal);
        Assert.True(campaign.Models!["frontier-large-3"] > 0.01 * moving);
    }

    [Fact]
    public void BuildFindings_AccountsCreatedInBurst_ReportsCreationBurst()
    {
        var findings = EngineRun.Run(Traffic());

        var campaign = Assert.Single(findings.Campaigns);
        Assert.Contains(campaign.Reasons, r => r.Signal == SignalNames.CreationBurst && r.Detail.Contains("created within 72 hours", StringComparison.Ordinal));
        Assert.Contains(campaign.Graph!.Edges, e => e.Kind == "creation_burst");
        Assert.Contains(campaign.Graph.Edges, e => e.Kind == "payment");
    }

    [Fact]
    public void BuildFindings_Campaign_TimelineAlignedToDocumentTimeline()
    {
        var findings = EngineRun.Run(Traffic());

        var campaign = Assert.Single(findings.Campaigns);
        Assert.NotNull(findings.Timeline);
        Assert.Equal(60, findings.Timeline.BucketMinutes);
        Assert.Equal(findings.Timeline.Exchanges.Length, campaign.Timeline!.Length);
        Assert.Equal(campaign.Exchanges, campaign.Timeline.Sum());
        Assert.Equal(findings.Input.Exchanges, findings.Timeline.Exchanges.Sum());
    }

    /// <summary>The account's risk as the engine last decided it (the model inputs' risk column), read before any flush.</summary>
    private static string RiskOf(DetectionEngine engine, string accountId)
    {
        using var writer = new StringWriter();
        engine.WriteModelInputs(writer);
        var rows = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        return rows.Single(r => r.StartsWith(accountId + ",", StringComparison.Ordinal)).Split(',')[^1].Trim();
    }

    private static TrafficBuilder Traffic() => new TrafficBuilder().Campaign("cmpT", 20, 40, 2).Casual(100, 4, 2);
}
