using System.Text.Json;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Log;
using DistillGuard.Core.Tests.Log;

namespace DistillGuard.Core.Tests.Engine;

/// <summary>
/// Account records given to a live engine while traffic flows, stamped with the log time they count from, and the same
/// records replayed from an accounts file before the traffic, as <c>scan</c> and a gateway's restart read them.
/// </summary>
public sealed class DetectionEngineRecordTimeTests
{
    private static readonly DateTime Start = TrafficBuilder.Start;

    private static readonly DateTime QuietFrom = Start.AddDays(2.4);
    private static readonly DateTime QuietUntil = Start.AddDays(2.7);

    /// <summary>
    /// A campaign blocked on its first day, then, on later days: a new account on one of its cards (its first exchange a
    /// second after it signs up), a campaign account moving to a card of its own, and, in a quiet night with no traffic
    /// at all, a casual user moving onto a campaign card, given two minutes after a tick's end.
    /// </summary>
    private static (TrafficBuilder Traffic, List<(DateTime At, AccountRecord Record)> Changes) Scenario()
    {
        var traffic = new TrafficBuilder().Campaign("cmpA", 30, 40, 3).Casual(150, 4, 3)
            .Quiet("late_001", "pf_cmpA_1", Start.AddDays(1.5), Start.AddDays(1.5).AddSeconds(1), 12, "campaign:cmpA");
        var late = traffic.Accounts.Single(a => a.AccountId == "late_001");
        traffic.Accounts.Remove(late);
        traffic.Exchanges.RemoveAll(e => e.Timestamp >= QuietFrom && e.Timestamp < QuietUntil);
        List<(DateTime, AccountRecord)> changes =
        [
            (Start.AddDays(1.5), late),
            (Start.AddDays(2).AddMinutes(1), new AccountRecord { AccountId = "cmpA_004", CreatedAt = Start.AddHours(-26), SignupChannel = SignupChannel.Standard, PaymentFingerprint = "pf_own_004", Verified = false }),
            (Start.AddDays(2.5).AddMinutes(2), new AccountRecord { AccountId = "casual_0007", CreatedAt = Start.AddDays(-193), SignupChannel = SignupChannel.Standard, PaymentFingerprint = "pf_cmpA_2", Verified = false }),
        ];
        return (traffic, changes);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(30)]
    [InlineData(95)]
    public void AddAccount_RecordsGivenWhileLiveStampedWithAppliedThrough_AFileReplayOfThemDecidesAsTheLiveEngineDid(int clockLeadSeconds)
    {
        // The live engine is moved on by a clock as the gateway's is: after each exchange, ahead of the log by a
        // response's time (and with the digits below a millisecond a log line drops), and once a minute through the quiet
        // night. It applies and closes ticks at other moments than a replay of the log, which has no clock.
        var (traffic, changes) = Scenario();
        var live = EngineRun.WithAccounts(traffic);
        var liveEvents = Record(live);
        var next = 0;
        void Give(DateTime now)
        {
            while (next < changes.Count && now >= changes[next].At)
            {
                var record = changes[next++].Record;
                record.EffectiveFrom = live.AppliedThrough;
                live.AddAccount(record);
            }
        }

        var clock = DateTime.MinValue;
        foreach (var exchange in EngineRun.InOrder(traffic))
        {
            for (var beat = NextMinute(clock); clock != DateTime.MinValue && beat < exchange.Timestamp; beat = beat.AddMinutes(1))
            {
                live.Advance(beat.AddTicks(4321));
                Give(beat);
            }

            Give(exchange.Timestamp);
            live.Observe(exchange);
            clock = exchange.Timestamp.AddSeconds(clockLeadSeconds);
            live.Advance(clock.AddTicks(4321));
        }

        Assert.Equal(changes.Count, next);
        Assert.All(changes, c => Assert.True(c.Record.EffectiveFrom > Start && c.Record.EffectiveFrom < c.At));
        // The night's change was given right after the tick that ended two minutes before closed.
        Assert.Equal(Start.AddDays(2.5), changes[2].Record.EffectiveFrom);
        // At the log's resolution, so the file holds the very stamp.
        Assert.All(changes, c => Assert.Equal(0, c.Record.EffectiveFrom!.Value.Ticks % TimeSpan.TicksPerMillisecond));

        // The accounts file as the gateway keeps it: every record from the start, then each stamped one as it came.
        using var dir = new TempLogDirectory();
        var path = dir.Write("accounts.jsonl", [.. traffic.Accounts.Concat(changes.Select(c => c.Record)).Select(Line)]);
        var replayed = EngineRun.Create();
        var replayedEvents = Record(replayed);
        var bad = new BadRecordLog(strict: true);
        foreach (var record in AccountsFileReader.Read(path, bad))
        {
            replayed.AddAccount(record);
        }

        foreach (var exchange in EngineRun.InOrder(traffic))
        {
            replayed.Observe(exchange);
        }

        var expected = FindingsSerializer.ToJson(live.BuildFindings(0, EngineRun.GeneratedAt));
        Assert.Equal(expected, FindingsSerializer.ToJson(replayed.BuildFindings(0, EngineRun.GeneratedAt)));
        Assert.Equal(liveEvents, replayedEvents);

        // Not vacuous: the same records counted from the log's start (unstamped, as before) decide otherwise.
        foreach (var (_, record) in changes)
        {
            record.EffectiveFrom = null;
        }

        var fromTheStart = EngineRun.Create();
        foreach (var record in traffic.Accounts.Concat(changes.Select(c => c.Record)))
        {
            fromTheStart.AddAccount(record);
        }

        foreach (var exchange in EngineRun.InOrder(traffic))
        {
            fromTheStart.Observe(exchange);
        }

        Assert.NotEqual(expected, FindingsSerializer.ToJson(fromTheStart.BuildFindings(0, EngineRun.GeneratedAt)));
    }

    [Fact]
    public void SetOverride_GivenWhileLiveStampedWithAppliedThrough_AReplayOfTheStampDecidesAsTheLiveEngineDid()
    {
        // An operator blocks a card's long-standing holder on the second day; the card's young second holder had sent
        // its first requests an hour before. Live, the block came too late for it to inherit at its first exchange.
        var blockedAt = Start.AddDays(1);
        TrafficBuilder Traffic() => new TrafficBuilder().Casual(60, 4, 2)
            .Quiet("owner", "pf_x", Start.AddDays(-200), Start.AddHours(2), 40, "honest:owner")
            .Quiet("second", "pf_x", blockedAt.AddDays(-2), blockedAt.AddHours(-1), 12, "campaign:second");
        var traffic = Traffic();
        var live = EngineRun.WithAccounts(traffic);
        var liveEvents = Record(live);
        DateTime? stamp = null;
        foreach (var exchange in EngineRun.InOrder(traffic))
        {
            if (stamp is null && exchange.Timestamp >= blockedAt)
            {
                stamp = live.AppliedThrough;
                live.SetOverride("owner", Verdict.Block, stamp);
            }

            live.Observe(exchange);
            live.Advance(exchange.Timestamp.AddSeconds(20));
        }

        var replayed = EngineRun.WithAccounts(Traffic());
        var replayedEvents = Record(replayed);
        replayed.SetOverride("owner", Verdict.Block, stamp);
        foreach (var exchange in EngineRun.InOrder(Traffic()))
        {
            replayed.Observe(exchange);
        }

        var expected = FindingsSerializer.ToJson(live.BuildFindings(0, EngineRun.GeneratedAt));
        Assert.Equal(expected, FindingsSerializer.ToJson(replayed.BuildFindings(0, EngineRun.GeneratedAt)));
        Assert.Equal(liveEvents, replayedEvents);

        // Not vacuous: the override counted from the log's start passes the block on at the second holder's first exchange.
        var fromTheStart = EngineRun.WithAccounts(Traffic());
        fromTheStart.SetOverride("owner", Verdict.Block);
        foreach (var exchange in EngineRun.InOrder(Traffic()))
        {
            fromTheStart.Observe(exchange);
        }

        Assert.NotEqual(expected, FindingsSerializer.ToJson(fromTheStart.BuildFindings(0, EngineRun.GeneratedAt)));
    }

    [Fact]
    public void BuildFindings_NewAccountsRecordTimedASecondBeforeItsFirstExchange_InForceAtItInTheSameApplication()
    {
        // A replacement on a card whose holders were blocked a day before, signed up a second before its first request:
        // the record counts before that exchange, though the replay reads it long before and applies both in one go.
        var from = Start.AddDays(2).AddHours(10).AddMinutes(5);
        var traffic = new TrafficBuilder().Campaign("cmpA", 30, 40, 3).Casual(150, 4, 3)
            .Quiet("replacement", "pf_cmpA_0", from.AddHours(-1), from, 6, "campaign:cmpA");
        traffic.Accounts.Single(a => a.AccountId == "replacement").EffectiveFrom = from.AddSeconds(-1);

        var findings = EngineRun.Run(traffic);

        var replacement = Assert.Single(findings.Accounts, a => a.AccountId == "replacement");
        Assert.Equal("block", replacement.Verdict);
        Assert.Equal(from, replacement.FirstFlaggedAt);
        Assert.Contains(replacement.Reasons, r => r.Signal == SignalNames.BanEvasion);
    }

    [Fact]
    public void AddAccount_StampedRecordsOutOfOrderInTheFile_AppliedInTimeOrderAndAllInForceAtTheEnd()
    {
        // A hand-edited file: the later change first. Each record is in force from its own time, the last in time wins.
        var traffic = new TrafficBuilder().Campaign("cmpA", 30, 40, 2).Casual(50, 4, 2);
        var engine = EngineRun.WithAccounts(traffic);
        engine.AddAccount(new AccountRecord { AccountId = "casual_0003", PaymentFingerprint = "pf_cmpA_0", EffectiveFrom = Start.AddDays(1.5) });
        engine.AddAccount(new AccountRecord { AccountId = "casual_0003", PaymentFingerprint = "pf_cmpA_1", EffectiveFrom = Start.AddDays(1) });
        engine.AddAccount(new AccountRecord { AccountId = "casual_0005", PaymentFingerprint = "pf_cmpA_2", EffectiveFrom = Start.AddDays(5) });
        foreach (var exchange in EngineRun.InOrder(traffic))
        {
            engine.Observe(exchange);
        }

        // A clock past the traffic (nothing is buffered at the end), not yet at the last record's time.
        engine.Advance(Start.AddDays(3));
        var findings = engine.BuildFindings(0, EngineRun.GeneratedAt);

        var holders = engine.Attributes.Where(a => a.Kind == AttributeKind.Payment && a.Label!.StartsWith("pf_cmpA_", StringComparison.Ordinal))
            .ToDictionary(a => a.Label!, a => a.Accounts);
        // 10 campaign accounts on each card; one casual user on card 0 (its later record), the other on card 2 by a
        // record timed after the traffic, put in force when the replay ends and evaluated with the rest.
        Assert.Equal(new Dictionary<string, int> { ["pf_cmpA_0"] = 11, ["pf_cmpA_1"] = 10, ["pf_cmpA_2"] = 11 }, holders);
        Assert.Contains(findings.Accounts, a => a.AccountId == "casual_0005");
    }

    [Fact]
    public void BuildFindings_NoTrafficAtAll_StampedRecordsStillInForce()
    {
        var engine = EngineRun.Create();
        engine.AddAccount(new AccountRecord { AccountId = "a1", PaymentFingerprint = "pf_1", EffectiveFrom = Start });

        engine.BuildFindings(0, EngineRun.GeneratedAt);

        Assert.Equal(1, engine.TrackedAccounts);
        Assert.Equal("pf_1", Assert.Single(engine.Attributes).Label);
    }

    private static DateTime NextMinute(DateTime time) =>
        new DateTime(time.Ticks - (time.Ticks % TimeSpan.TicksPerMinute), DateTimeKind.Utc).AddMinutes(1);

    private static List<string> Record(DetectionEngine engine)
    {
        var events = new List<string>();
        engine.VerdictChanged += s => events.Add($"verdict {s}");
        engine.StandingChanged += s => events.Add($"standing {s}");
        return events;
    }

    private static string Line(AccountRecord record)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            ExchangeLogWriter.WriteAccount(writer, record);
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }
}
