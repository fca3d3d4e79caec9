using DistillGuard.Core.Analysis;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Detection;
using DistillGuard.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DistillGuard.Gateway.Tests.Features.Detection;

/// <summary>
/// Overrides set while the gateway runs are kept in overrides.jsonl with the log time the engine counted each from, so
/// a scan of the folder and the replay at a restart apply each where the live engine did, not from the log's start.
/// </summary>
public sealed class OverrideHistoryTests
{
    [Fact]
    public async Task SetOverride_AfterACoHoldersFirstRequests_ScanOfTheFolderAndARestartDecideAsLive()
    {
        // A card's long-standing holder and a young second holder; the second sends its first requests at 03:05, the
        // operator blocks the owner at 03:20. Live, the block came after the second's first exchange was applied.
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 4, 22, 3, 0, 0, TimeSpan.Zero));
        await using var fixture = await GatewayFixture.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var ct = TestContext.Current.CancellationToken;
        using (var registered = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Post, "/admin/accounts", new[]
        {
            new Dictionary<string, object> { ["account_id"] = "acct_owner", ["created_at"] = "2025-10-01T00:00:00Z", ["payment_fingerprint"] = "pf_x" },
            new Dictionary<string, object> { ["account_id"] = "acct_second", ["created_at"] = "2026-04-21T23:00:00Z", ["payment_fingerprint"] = "pf_x" },
        }), ct))
        {
            registered.EnsureSuccessStatusCode();
        }

        var ownerKey = await fixture.CreateKeyAsync("acct_owner");
        var secondKey = await fixture.CreateKeyAsync("acct_second");
        var engineClock = fixture.Service<EngineClock>();
        var sent = 0;
        async Task SendAsync(string key, DateTimeOffset at)
        {
            clock.Set(at);
            using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(prompt: $"Question {sent}")), ct);
            await fixture.WaitForEngineAsync(++sent);
        }

        var start = clock.GetUtcNow();
        await SendAsync(ownerKey, start);
        for (var i = 0; i < 3; i++)
        {
            await SendAsync(secondKey, start.AddMinutes(5 + i));
        }

        clock.Set(start.AddMinutes(20));
        await engineClock.AdvanceAsync(ct);
        await fixture.SetOverrideAsync("acct_owner", "block");
        await SendAsync(secondKey, start.AddMinutes(40));
        clock.Set(start.AddHours(2));
        await engineClock.AdvanceAsync(ct);
        var board = fixture.Service<VerdictBoard>();
        (Verdict, DateTime?) Live(VerdictBoard b) => (b.EngineStatus("acct_second")?.Verdict ?? Verdict.Allow, b.EngineStatus("acct_second")?.FirstFlaggedAt);
        var live = Live(board);
        await fixture.StopGatewayAsync();

        var overridesFile = Path.Combine(fixture.LogDirectory, "overrides.jsonl");
        var line = Assert.Single(OverridesFileReader.Read(overridesFile, new BadRecordLog(strict: true)));
        Assert.Equal(("acct_owner", (Verdict?)Verdict.Block, "test"), (line.AccountId, line.Verdict, line.Reason));
        Assert.True(line.EffectiveFrom > start.UtcDateTime, $"counted from {line.EffectiveFrom:O}");
        Assert.Equal(live, Scan(fixture.LogDirectory, fromTheStart: false));
        // Not vacuous: counted from the log's start, the block passes on at the second holder's first exchange.
        Assert.NotEqual(live, Scan(fixture.LogDirectory, fromTheStart: true));

        await fixture.StartGatewayAsync();
        Assert.Equal(live, Live(fixture.Service<VerdictBoard>()));
        Assert.Single(File.ReadAllLines(overridesFile));
    }

    /// <summary>What <c>scan --gateway-config</c> does with the folder (overrides from the file, or from the start).</summary>
    private static (Verdict, DateTime?) Scan(string logDirectory, bool fromTheStart)
    {
        var bad = new BadRecordLog(strict: true);
        var engine = new DetectionEngine(new DetectionOptions(), new ExchangeAnalyzer());
        foreach (var account in AccountsFileReader.Read(Path.Combine(logDirectory, "accounts.jsonl"), bad))
        {
            engine.AddAccount(account);
        }

        foreach (var entry in OverridesFileReader.Read(Path.Combine(logDirectory, "overrides.jsonl"), bad))
        {
            engine.SetOverride(entry.AccountId, entry.Verdict, fromTheStart ? null : entry.EffectiveFrom);
        }

        using (var reader = MergedExchangeReader.Open(Directory.GetFiles(logDirectory, "exchanges-*.jsonl"), new LogReaderOptions { Strict = true }, bad))
        {
            while (reader.MoveNext())
            {
                engine.Observe(reader.Current);
            }
        }

        var finding = engine.BuildFindings(0, DateTime.UnixEpoch).Accounts.SingleOrDefault(a => a.AccountId == "acct_second");
        return finding is null ? (Verdict.Allow, null) : (VerdictNames.TryParse(finding.Verdict, out var v) ? v : Verdict.Allow, finding.FirstFlaggedAt);
    }
}
