using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Store;
using DistillGuard.Gateway.Options;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>
/// <c>scan --gateway-config</c>: a scan of a gateway's log applies that gateway's policy and its store's overrides,
/// as the live engine did (the gateway side of the agreement is CampaignReplayTests in the gateway's tests).
/// </summary>
public sealed class ScanGatewayConfigTests
{
    [Fact]
    public async Task Scan_GatewayConfigWithHigherThresholds_GivesTheVerdictsOfThoseThresholds()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var config = WriteConfig(fixture, """{ "ReviewRisk": 0.99, "ThrottleRisk": 0.995, "BlockRisk": 0.999 }""");

        var defaults = await ScanAsync(fixture, "default.json");
        var tuned = await ScanAsync(fixture, "tuned.json", "--gateway-config", config);

        // The campaign's accounts score 0.997 here: blocked on the defaults (0.9), throttled under the gateway's 0.999.
        Assert.NotEmpty(defaults.Accounts);
        Assert.All(defaults.Accounts, a => Assert.Equal("block", a.Verdict));
        Assert.Equal(defaults.Accounts.Select(a => a.AccountId), tuned.Accounts.Select(a => a.AccountId));
        Assert.All(tuned.Accounts, a => Assert.Equal(a.Risk >= 0.999 ? "block" : a.Risk >= 0.995 ? "throttle" : "review", a.Verdict));
        Assert.Contains(tuned.Accounts, a => a.Verdict != "block");
    }

    [Fact]
    public async Task Scan_GatewayStoreBlocksAnAccount_ItsNewCardCoHolderIsBlockedAsLive()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        // user_01 becomes a new account on user_00's card; an operator blocked user_00 in the gateway.
        BlockedHolderWithANewCoHolder(fixture);
        var config = WriteConfig(fixture, "{}");

        var plain = await ScanAsync(fixture, "plain.json");
        var asGateway = await ScanAsync(fixture, "gateway.json", "--gateway-config", config);

        Assert.DoesNotContain(plain.Accounts, a => a.AccountId == "user_01");
        Assert.Equal("block", Assert.Single(asGateway.Accounts, a => a.AccountId == "user_01").Verdict);
    }

    [Fact]
    public async Task Scan_GatewayOverridesFile_EachOverrideCountsFromWhereTheGatewaysEngineCountedIt()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        // As above, but the gateway's overrides.jsonl says when its engine counted the block: after user_01's first exchanges.
        BlockedHolderWithANewCoHolder(fixture);
        var logDirectory = fixture.Path2("gateway-logs");
        Directory.CreateDirectory(logDirectory);

        var config = WriteConfig(fixture, "{}", logDirectory);
        var fromStore = await ScanAsync(fixture, "store.json", "--gateway-config", config);
        var blockedAt = ScanLogFixture.Start.AddDays(1);
        File.WriteAllText(Path.Combine(logDirectory, "overrides.jsonl"), $"{{\"account_id\":\"user_00\",\"verdict\":\"block\",\"reason\":\"chargeback fraud\",\"effective_from\":\"{LogNames.FormatTime(blockedAt)}\"}}\n");
        var fromFile = await ScanAsync(fixture, "file.json", "--gateway-config", config);

        // From the store the block counts from the log's start: user_01 inherits it at its first exchange. From the
        // file, user_01's first exchanges came before it; the card passes the block on only from then.
        var inherited = Assert.Single(fromStore.Accounts, a => a.AccountId == "user_01");
        Assert.Equal("block", inherited.Verdict);
        Assert.True(inherited.FirstFlaggedAt < blockedAt, $"flagged at {inherited.FirstFlaggedAt:O}");
        var counted = fromFile.Accounts.SingleOrDefault(a => a.AccountId == "user_01");
        Assert.True(counted is null || counted.FirstFlaggedAt >= blockedAt, $"flagged at {counted?.FirstFlaggedAt:O}");
    }

    [Fact]
    public async Task Scan_GatewayConfigWithMalformedThreshold_ExitsWithInputCodeNamingFileAndSetting()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var config = WriteConfig(fixture, """{ "BlockRisk": "high" }""");

        var run = await CliHarness.RunAsync("scan", "--gateway-config", config, "--out", fixture.Path2("f.json"), fixture.LogPath);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(config, run.Error, StringComparison.Ordinal);
        Assert.Contains("Gateway:Policy:BlockRisk", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Path2("f.json")));
    }

    [Fact]
    public async Task Scan_GatewayConfigThatDoesNotParse_ExitsWithInputCodeNamingFileLineAndByte()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var config = fixture.Path2("gateway.json");
        await File.WriteAllTextAsync(config, "{ \"Gateway\": { \"Policy\": { \"BlockRisk\": 0.9, } ", TestContext.Current.CancellationToken);

        var run = await CliHarness.RunAsync("scan", "--gateway-config", config, "--out", fixture.Path2("f.json"), fixture.LogPath);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"{config}: line 1, byte ", run.Error, StringComparison.Ordinal);
        Assert.Equal(1, run.Error.Split(config).Length - 1);
        Assert.False(File.Exists(fixture.Path2("f.json")));
    }

    [Fact]
    public async Task Scan_GatewayConfigListingTheCampaignsBlockAsSharedEgress_LinksNoOneByIt()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var config = WriteConfig(fixture, """{ "SharedEgress": [ "203.0.113.0/24" ] }""");

        var defaults = await ScanAsync(fixture, "default.json");
        var listed = await ScanAsync(fixture, "listed.json", "--gateway-config", config);

        Assert.Contains(defaults.Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.SharedIpBlock));
        Assert.DoesNotContain(listed.Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.SharedIpBlock));
    }

    [Fact]
    public async Task Scan_GatewayConfigNamingARiskModel_ScoresWithItUnlessTheCommandLineNamesAnother()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var noCards = fixture.Path2("no-cards.json");
        File.WriteAllText(noCards, """{ "format": "distillguard.risk-model/v1", "coefficients": { "w_payment": 0 } }""");
        var builtIn = fixture.Path2("built-in.json");
        using (var stream = File.Create(builtIn))
        {
            DistillGuard.Core.Engine.RiskModelFile.Write(stream, DistillGuard.Core.Engine.RiskCoefficients.Default);
        }

        var config = WriteConfig(fixture, $$"""{ "RiskModel": {{System.Text.Json.JsonSerializer.Serialize(noCards)}} }""");

        var fromConfig = await ScanAsync(fixture, "config.json", "--gateway-config", config);
        var overridden = await ScanAsync(fixture, "overridden.json", "--gateway-config", config, "--risk-model", builtIn);

        Assert.NotEmpty(fromConfig.Accounts);
        Assert.DoesNotContain(fromConfig.Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.SharedPayment));
        Assert.Contains(overridden.Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.SharedPayment));
    }

    [Fact]
    public async Task Scan_GatewayConfigNamingAMissingRiskModel_ExitsWithInputCodeNamingIt()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var config = WriteConfig(fixture, """{ "RiskModel": "/nonexistent/risk-model.json" }""");

        var run = await CliHarness.RunAsync("scan", "--gateway-config", config, fixture.LogPath);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"{config}: Gateway:Policy:RiskModel: Could not find", run.Error, StringComparison.Ordinal);
        Assert.Contains("/nonexistent/risk-model.json", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_GatewayConfigWithTooWideSharedEgress_ExitsWithInputCodeNamingTheEntry()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var config = WriteConfig(fixture, """{ "SharedEgress": [ "10.0.0.0/8" ] }""");

        var run = await CliHarness.RunAsync("scan", "--gateway-config", config, fixture.LogPath);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Gateway:Policy: SharedEgress: '10.0.0.0/8' is wider than /12", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_GatewayConfigWithThresholdsOutOfOrder_ExitsWithInputCode()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var config = WriteConfig(fixture, """{ "ReviewRisk": 0.9, "BlockRisk": 0.5 }""");

        var run = await CliHarness.RunAsync("scan", "--gateway-config", config, fixture.LogPath);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("Gateway:Policy", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_GatewayConfigAndNoLog_ScansThatGatewaysLogDirectoryWithItsAccounts()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var logs = GatewayLogDirectory(fixture);
        var config = WriteConfig(fixture, "{}", logs);

        var named = await ScanAsync(fixture, "named.json");
        var run = await CliHarness.RunAsync("scan", "--gateway-config", config, "--out", fixture.Path2("defaulted.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"{logs}: 1 exchange files with {Path.Combine(logs, "accounts.jsonl")}", run.Error, StringComparison.Ordinal);
        var defaulted = FindingsSerializer.ReadFile(fixture.Path2("defaulted.json"));
        Assert.Equal(named.Input.Exchanges, defaulted.Input.Exchanges);
        Assert.Equal(named.Accounts.Select(a => (a.AccountId, a.Verdict)), defaulted.Accounts.Select(a => (a.AccountId, a.Verdict)));
        Assert.NotEmpty(defaulted.Campaigns);
    }

    /// <summary>With <c>Log.ReplayWindow</c> set, the defaulted scan reads the files the gateway's restart would replay.</summary>
    [Fact]
    public async Task Scan_GatewayConfigWithReplayWindowAndNoLog_LeavesOutFilesTheRestartWould()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var logs = GatewayLogDirectory(fixture);
        var older = Path.Combine(logs, "exchanges-20260401T000000Z-0001.jsonl");
        File.WriteAllLines(older, File.ReadLines(fixture.LogPath).Take(10));
        File.SetLastWriteTimeUtc(older, DateTime.UtcNow.AddDays(-10));
        var all = WriteConfig(fixture, "{}", logs);
        var windowed = WriteConfig(fixture, "{}", logs, replayWindow: "1.00:00:00", name: "windowed-config.json");

        var everything = await CliHarness.RunAsync("scan", "--gateway-config", all, "--out", fixture.Path2("all.json"));
        var run = await CliHarness.RunAsync("scan", "--gateway-config", windowed, "--out", fixture.Path2("windowed.json"));

        Assert.True(everything.ExitCode == 0, everything.Error);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("1 exchange files (1 files last written before Log.ReplayWindow 1.00:00:00 left out", run.Error, StringComparison.Ordinal);
        var named = await ScanAsync(fixture, "named.json");
        Assert.Equal(named.Input.Exchanges + 10, FindingsSerializer.ReadFile(fixture.Path2("all.json")).Input.Exchanges);
        Assert.Equal(named.Input.Exchanges, FindingsSerializer.ReadFile(fixture.Path2("windowed.json")).Input.Exchanges);
    }

    /// <summary>
    /// A folder laid out as a gateway leaves it: the fixture's log as the run's first exchange file, its accounts as
    /// accounts.jsonl, and a stray .jsonl that is not an exchange file (the replay and the defaulted scan skip it).
    /// </summary>
    private static string GatewayLogDirectory(ScanLogFixture fixture)
    {
        var logs = fixture.Path2("gateway-logs");
        Directory.CreateDirectory(logs);
        File.Copy(fixture.LogPath, Path.Combine(logs, "exchanges-20260501T000000Z-0001.jsonl"));
        File.Copy(fixture.AccountsPath, Path.Combine(logs, "accounts.jsonl"));
        File.WriteAllText(Path.Combine(logs, "notes.jsonl"), "not an exchange\n");
        return logs;
    }

    /// <summary>
    /// A gateway config whose store lies in the fixture's folder, with this <c>Policy</c> object and, when given, this
    /// log directory and replay window.
    /// </summary>
    /// <summary>user_01 becomes a new account on user_00's card; user_00 is blocked in the gateway's store.</summary>
    private static void BlockedHolderWithANewCoHolder(ScanLogFixture fixture)
    {
        var accounts = AccountsFileReader.Read(fixture.AccountsPath, new BadRecordLog(strict: true)).ToList();
        var coHolder = accounts.Single(a => a.AccountId == "user_01");
        coHolder.CreatedAt = ScanLogFixture.Start;
        coHolder.PaymentFingerprint = "pf_user_00";
        ScanLogFixture.WriteAccounts(fixture.AccountsPath, accounts);
        var gateway = new GatewayOptions { Store = { Path = fixture.Path2("gateway.db") } };
        using var store = new GatewayStore(Microsoft.Extensions.Options.Options.Create(gateway));
        store.SetOverride(new VerdictOverride("user_00", Verdict.Block, "chargeback fraud", ScanLogFixture.Start));
    }

    private static string WriteConfig(ScanLogFixture fixture, string policyJson, string? logDirectory = null, string? replayWindow = null, string name = "gateway-config.json")
    {
        var path = fixture.Path2(name);
        var store = System.Text.Json.JsonSerializer.Serialize(fixture.Path2("gateway.db"));
        var log = logDirectory is null ? string.Empty : $$"""
            "Log": { "Directory": {{System.Text.Json.JsonSerializer.Serialize(logDirectory)}}{{(replayWindow is null ? string.Empty : $", \"ReplayWindow\": \"{replayWindow}\"")}} },
            """;
        File.WriteAllText(path, $$"""{ "Gateway": { "Store": { "Path": {{store}} }, {{log}} "Policy": {{policyJson}} } }""");
        return path;
    }

    private static async Task<FindingsDocument> ScanAsync(ScanLogFixture fixture, string outName, params string[] extra)
    {
        var outPath = fixture.Path2(outName);
        var run = await CliHarness.RunAsync(["scan", "--accounts", fixture.AccountsPath, "--out", outPath, .. extra, fixture.LogPath]);
        Assert.True(run.ExitCode == 0, run.Error);
        return FindingsSerializer.ReadFile(outPath);
    }
}
