using System.Buffers;
using System.Net;
using System.Text.Json;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Detection;
using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Tests.Infrastructure;
using DistillGuard.Simulation;
using DistillGuard.Simulation.Campaigns;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Honest;
using DistillGuard.Simulation.Scenarios;
using Microsoft.Extensions.DependencyInjection;

namespace DistillGuard.Gateway.Tests.EndToEnd;

/// <summary>
/// A simulated campaign among honest accounts, replayed request by request through the gateway (real sockets,
/// stand-in upstreams, the gateway's clock set to each exchange's time): the campaign must end blocked, honest
/// accounts must not, and a scan of the gateway's own log must reach the verdicts the gateway reached live. A restart
/// over the same store and log must come back with those verdicts before any new traffic.
/// </summary>
public sealed class CampaignReplayTests
{
    private static readonly DateTime Start = new(2026, 2, 2, 0, 0, 0, DateTimeKind.Utc);
    private static readonly string[] Models = ["atlas-large-4", "atlas-fast-4", "atlas-large-5"];

    private static ScenarioDefinition SmallScenario() => new()
    {
        Name = "gateway-replay",
        Description = "one small DeepSeek-style campaign among a few honest accounts",
        Start = Start,
        Days = 4,
        Honest = new Dictionary<string, int> { [HonestArchetypes.Developer] = 8, [HonestArchetypes.CasualChat] = 8, [HonestArchetypes.AppBackend] = 3, [HonestArchetypes.BenchmarkRunner] = 1 },
        Models = [new ModelRelease(Models[0], Start.AddDays(-120)), new ModelRelease(Models[1], Start.AddDays(-100)), new ModelRelease(Models[2], Start.AddDays(1))],
        Campaigns = [CampaignPresets.Get(CampaignPresets.DeepSeek) with { Accounts = 12, Start = Start.AddDays(1), DurationDays = 2.5 }],
    };

    [Fact]
    public async Task Replay_SimulatedCampaign_CampaignBlockedScanAgreesAndARestartKeepsTheVerdicts()
    {
        var run = NewRun();
        var clock = new ManualTimeProvider(new DateTimeOffset(Start));
        var log = new CapturedLog();
        await using var fixture = await GatewayFixture.StartAsync(
            s =>
            {
                s["Gateway:TrustedProxies:0"] = "127.0.0.1";
                for (var i = 0; i < Models.Length; i++)
                {
                    s[$"Gateway:Upstreams:0:Models:{i + 2}"] = Models[i];
                    s[$"Gateway:Upstreams:1:Models:{i + 2}"] = Models[i];
                }
            },
            services =>
            {
                services.AddSingleton<TimeProvider>(clock);
                services.AddSingleton<Microsoft.Extensions.Logging.ILoggerProvider>(log);
            });
        var ct = TestContext.Current.CancellationToken;
        await AddAccountsAsync(fixture, run.Accounts);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var account in run.Accounts)
        {
            keys[account.AccountId] = await fixture.CreateKeyAsync(account.AccountId);
        }

        var campaignLabel = CampaignPresets.DeepSeek;
        var lastStatus = new Dictionary<string, HttpStatusCode>(StringComparer.Ordinal);
        var sent = 0;
        foreach (var simulated in run.Exchanges())
        {
            var e = simulated.Exchange;
            clock.Set(new DateTimeOffset(e.Timestamp));
            using var request = Request(simulated, keys[e.AccountId]);
            using var response = await fixture.Client.SendAsync(request, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
            lastStatus[e.AccountId] = response.StatusCode;
            sent++;
        }

        clock.Set(new DateTimeOffset(run.End.AddHours(6)));
        await fixture.Service<EngineClock>().AdvanceAsync(ct);
        var board = fixture.Service<VerdictBoard>();
        var campaign = run.Accounts.Where(a => run.LabelOf(a.AccountId) == campaignLabel).Select(a => a.AccountId).ToList();
        var honest = run.Accounts.Where(a => run.LabelOf(a.AccountId) != campaignLabel).Select(a => a.AccountId).ToList();
        var live = run.Accounts.ToDictionary(a => a.AccountId, a => board.EngineStatus(a.AccountId)?.Verdict ?? Verdict.Allow, StringComparer.Ordinal);
        using var campaignsResponse = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/campaigns"), ct);
        using var campaigns = JsonDocument.Parse(await campaignsResponse.Content.ReadAsStringAsync(ct));
        using var flaggedResponse = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/accounts/flagged"), ct);
        using var flagged = JsonDocument.Parse(await flaggedResponse.Content.ReadAsStringAsync(ct));
        var liveMetrics = await fixture.Client.GetStringAsync("/metrics", ct);
        await fixture.StopGatewayAsync();

        var found = campaigns.RootElement.EnumerateArray().SelectMany(c => c.GetProperty("account_ids").EnumerateArray().Select(a => a.GetString())).ToHashSet();
        Assert.Superset(campaign.ToHashSet(), found!);
        var flaggedCampaignAccount = flagged.RootElement.EnumerateArray().First(a => a.GetProperty("account_id").GetString() == campaign[0]);
        Assert.Equal("block", flaggedCampaignAccount.GetProperty("verdict").GetString());
        Assert.NotEqual(0, flaggedCampaignAccount.GetProperty("reasons").GetArrayLength());

        Assert.True(sent > 500, $"the scenario produced only {sent} exchanges");
        Assert.NotEmpty(campaign);
        Assert.All(campaign, id => Assert.Equal(Verdict.Block, live[id]));
        Assert.Contains(campaign, id => lastStatus.TryGetValue(id, out var status) && status == HttpStatusCode.Forbidden);
        Assert.All(honest, id => Assert.NotEqual(Verdict.Block, live[id]));
        var blockedLive = live.Values.Count(static v => v == Verdict.Block);
        Assert.Equal(blockedLive, BlockedAccounts(liveMetrics));
        Assert.True(BlockChanges(liveMetrics) >= blockedLive, "every blocked account came to block through a counted change");
        var scanned = Scan(fixture.LogDirectory);
        Assert.Equal(sent, scanned.Exchanges);
        Assert.All(run.Accounts, a => Assert.Equal(live[a.AccountId], scanned.Verdicts.GetValueOrDefault(a.AccountId, Verdict.Allow)));

        // A restart (same store, same log directory, same clock) replays the log into a new engine, up to now, before
        // traffic: no beat of the engine clock is needed (this clock never beats on its own).
        const int VerdictChangedEvent = 5;
        Assert.Contains(log.Events, e => e.EventId == VerdictChangedEvent);
        log.Events.Clear();
        await fixture.StartGatewayAsync();
        // The replay's verdicts are not logged again as new events, one warning per account.
        Assert.DoesNotContain(log.Events, e => e.EventId == VerdictChangedEvent);
        var restarted = fixture.Service<VerdictBoard>();
        Assert.All(run.Accounts, a => Assert.Equal(live[a.AccountId], restarted.EngineStatus(a.AccountId)?.Verdict ?? Verdict.Allow));
        Assert.Equal(sent, await fixture.Service<ExchangeLogPipeline>().RunOnEngineAsync(static e => e.ObservedExchanges, ct));
        Assert.Equal(blockedLive, BlockedAccounts(await fixture.Client.GetStringAsync("/metrics", ct)));
        using var blocked = await fixture.Client.SendAsync(ReplayedRequest(keys, campaign[0]), ct);
        Assert.Equal(HttpStatusCode.Forbidden, blocked.StatusCode);
        var honestAllowed = honest.First(id => live[id] == Verdict.Allow);
        using var allowed = await fixture.Client.SendAsync(ReplayedRequest(keys, honestAllowed), ct);
        Assert.Equal(HttpStatusCode.OK, allowed.StatusCode);
    }

    [Fact]
    public async Task Replay_AccountsSignedUpJustBeforeTheirFirstRequest_ScanOfTheFolderDecidesAndDatesAsLiveAlsoAfterARestart()
    {
        // As in production: each account reaches the gateway's store (POST /admin/accounts, a key) right before it first
        // sends, while others' traffic flows, not all before the first request. The records count from where the live
        // engine counted them, in a scan of the folder and in the replay at a restart.
        var run = NewRun();
        var clock = new ManualTimeProvider(new DateTimeOffset(Start));
        await using var fixture = await GatewayFixture.StartAsync(
            s =>
            {
                s["Gateway:TrustedProxies:0"] = "127.0.0.1";
                for (var i = 0; i < Models.Length; i++)
                {
                    s[$"Gateway:Upstreams:0:Models:{i + 2}"] = Models[i];
                    s[$"Gateway:Upstreams:1:Models:{i + 2}"] = Models[i];
                }
            },
            services => services.AddSingleton<TimeProvider>(clock));
        var ct = TestContext.Current.CancellationToken;
        var records = run.Accounts.ToDictionary(a => a.AccountId, StringComparer.Ordinal);
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        var engineClock = fixture.Service<EngineClock>();
        foreach (var simulated in run.Exchanges())
        {
            var e = simulated.Exchange;
            clock.Set(new DateTimeOffset(e.Timestamp));
            if (!keys.ContainsKey(e.AccountId))
            {
                // The gateway's clock beats before the sign-up, as it does every second in production.
                await engineClock.AdvanceAsync(ct);
                await AddAccountsAsync(fixture, [records[e.AccountId]]);
                keys[e.AccountId] = await fixture.CreateKeyAsync(e.AccountId);
            }

            using var request = Request(simulated, keys[e.AccountId]);
            using var response = await fixture.Client.SendAsync(request, ct);
            await response.Content.ReadAsByteArrayAsync(ct);
        }

        clock.Set(new DateTimeOffset(run.End.AddHours(6)));
        await engineClock.AdvanceAsync(ct);
        var board = fixture.Service<VerdictBoard>();
        var live = keys.Keys.ToDictionary(id => id, id => (board.EngineStatus(id)?.Verdict ?? Verdict.Allow, board.EngineStatus(id)?.FirstFlaggedAt), StringComparer.Ordinal);
        await fixture.StopGatewayAsync();

        var accountsFile = Path.Combine(fixture.LogDirectory, "accounts.jsonl");
        var stamped = AccountsFileReader.Read(accountsFile, new BadRecordLog(strict: true));
        Assert.Contains(live.Values, v => v.Item1 == Verdict.Block);
        Assert.Contains(stamped, r => r.EffectiveFrom > Start);
        var scanned = Scan(fixture.LogDirectory);
        Assert.All(live, a => Assert.Equal(a.Value, scanned.Findings.GetValueOrDefault(a.Key, (Verdict.Allow, null))));

        // Not vacuous: the same records counted from the log's start (the file without its stamps) date otherwise.
        var lines = File.ReadAllLines(accountsFile);
        File.WriteAllLines(accountsFile, [.. lines.Select(l => System.Text.RegularExpressions.Regex.Replace(l, ",\"effective_from\":\"[^\"]*\"", string.Empty))]);
        Assert.NotEqual(scanned.Findings, Scan(fixture.LogDirectory).Findings);
        File.WriteAllLines(accountsFile, lines);

        // A restart replays the file's records where they counted, and keeps the file as it was.
        await fixture.StartGatewayAsync();
        var restarted = fixture.Service<VerdictBoard>();
        Assert.All(live, a => Assert.Equal(a.Value, (restarted.EngineStatus(a.Key)?.Verdict ?? Verdict.Allow, restarted.EngineStatus(a.Key)?.FirstFlaggedAt)));
        Assert.Equal(lines, File.ReadAllLines(accountsFile));
    }

    private static long BlockedAccounts(string metrics) => MetricValue(metrics, "distillguard_gateway_accounts{verdict=\"block\"}");

    private static long BlockChanges(string metrics) => MetricValue(metrics, "distillguard_gateway_verdict_changes_total{verdict=\"block\"}");

    private static long MetricValue(string metrics, string series)
    {
        var line = metrics.Split('\n').Single(l => l.StartsWith(series + " ", StringComparison.Ordinal));
        return long.Parse(line[(series.Length + 1)..], System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ScenarioRun NewRun() => ScenarioRun.Create(SmallScenario(), new SimulationOptions { Seed = 11, UseRealPrompts = false });

    /// <summary>The account's last simulated request again (from a new run of the same seed: a run streams once).</summary>
    private static HttpRequestMessage ReplayedRequest(Dictionary<string, string> keys, string accountId) =>
        Request(NewRun().Exchanges().Last(x => x.Exchange.AccountId == accountId), keys[accountId]);

    private static HttpRequestMessage Request(SimulatedExchange simulated, string key)
    {
        var e = simulated.Exchange;
        var request = new HttpRequestMessage(HttpMethod.Post, e.Api == ApiShape.OpenAIChat ? "/v1/chat/completions" : "/v1/messages")
        {
            Content = new ReadOnlyMemoryContent(simulated.RequestJson.ToArray()),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        request.Headers.Add("x-api-key", key);
        AddClientHeaders(request, e);
        return request;
    }

    /// <summary>What <c>scan</c> does over the gateway's log directory: accounts file, merged exchange log, the default engine.</summary>
    private static (long Exchanges, Dictionary<string, Verdict> Verdicts, Dictionary<string, (Verdict, DateTime?)> Findings) Scan(string logDirectory)
    {
        var bad = new BadRecordLog(strict: true);
        var engine = new DetectionEngine(new DetectionOptions(), new ExchangeAnalyzer());
        foreach (var account in AccountsFileReader.Read(Path.Combine(logDirectory, "accounts.jsonl"), bad))
        {
            engine.AddAccount(account);
        }

        using (var reader = MergedExchangeReader.Open(Directory.GetFiles(logDirectory, "exchanges-*.jsonl"), new LogReaderOptions { Strict = true }, bad))
        {
            while (reader.MoveNext())
            {
                engine.Observe(reader.Current);
            }
        }

        var findings = engine.BuildFindings(bad.Total, Start);
        var verdicts = new Dictionary<string, Verdict>(StringComparer.Ordinal);
        var dated = new Dictionary<string, (Verdict, DateTime?)>(StringComparer.Ordinal);
        foreach (var finding in findings.Accounts)
        {
            VerdictNames.TryParse(finding.Verdict, out var verdict);
            verdicts[finding.AccountId] = verdict;
            dated[finding.AccountId] = (verdict, finding.FirstFlaggedAt);
        }

        return (engine.ObservedExchanges, verdicts, dated);
    }

    private static void AddClientHeaders(HttpRequestMessage request, Exchange e)
    {
        if (e.Ip is not null)
        {
            request.Headers.Add("X-Forwarded-For", e.Ip);
        }

        if (e.Country is not null)
        {
            request.Headers.Add("X-Client-Country", e.Country);
        }

        if (e.Asn is { } asn)
        {
            request.Headers.Add("X-Client-Asn", asn.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (e.AsnOrg is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Client-Asn-Org", e.AsnOrg);
        }

        if (e.AsnType != AsnType.Unknown)
        {
            request.Headers.Add("X-Client-Asn-Type", LogNames.ToWire(e.AsnType));
        }

        if (e.UserAgent is not null)
        {
            request.Headers.TryAddWithoutValidation("User-Agent", e.UserAgent);
        }
    }

    private static async Task AddAccountsAsync(GatewayFixture fixture, IReadOnlyList<AccountRecord> accounts)
    {
        var buffer = new ArrayBufferWriter<byte>();
        foreach (var account in accounts)
        {
            using (var writer = new Utf8JsonWriter(buffer))
            {
                ExchangeLogWriter.WriteAccount(writer, account);
            }

            buffer.Write("\n"u8);
        }

        using var request = fixture.Admin(HttpMethod.Post, "/admin/accounts");
        request.Content = new ReadOnlyMemoryContent(buffer.WrittenMemory);
        using var response = await fixture.Client.SendAsync(request, TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }
}
