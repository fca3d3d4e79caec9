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
        var accounts = AccountsFileReader.Read(fixture.AccountsPath, new BadRecordLog(strict: true)).ToList();
        var coHolder = accounts.Single(a => a.AccountId == "user_01");
        coHolder.CreatedAt = ScanLogFixture.Start;
        coHolder.PaymentFingerprint = "pf_user_00";
        ScanLogFixture.WriteAccounts(fixture.AccountsPath, accounts);
        var config = WriteConfig(fixture, "{}");
        var gateway = new GatewayOptions { Store = { Path = fixture.Path2("gateway.db") } };
        using (var store = new GatewayStore(Microsoft.Extensions.Options.Options.Create(gateway)))
        {
            store.SetOverride(new VerdictOverride("user_00", Verdict.Block, "chargeback fraud", ScanLogFixture.Start));
        }

        var plain = await ScanAsync(fixture, "plain.json");
        var asGateway = await ScanAsync(fixture, "gateway.json", "--gateway-config", config);

        Assert.DoesNotContain(plain.Accounts, a => a.AccountId == "user_01");
        Assert.Equal("block", Assert.Single(asGateway.Accounts, a => a.AccountId == "user_01").Verdict);
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
        // The gateway's log directory is the fixture's folder: exchanges.jsonl and accounts.jsonl side by side.
        var config = WriteConfig(fixture, "{}");
        File.WriteAllText(config, File.ReadAllText(config).Replace("\"Policy\"", $"\"Log\": {{ \"Directory\": {System.Text.Json.JsonSerializer.Serialize(fixture.Directory)} }}, \"Policy\"", StringComparison.Ordinal));

        var named = await ScanAsync(fixture, "named.json");
        var run = await CliHarness.RunAsync("scan", "--gateway-config", config, "--out", fixture.Path2("defaulted.json"));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(fixture.Directory, run.Error, StringComparison.Ordinal);
        var defaulted = FindingsSerializer.ReadFile(fixture.Path2("defaulted.json"));
        Assert.Equal(named.Input.Exchanges, defaulted.Input.Exchanges);
        Assert.Equal(named.Accounts.Select(a => (a.AccountId, a.Verdict)), defaulted.Accounts.Select(a => (a.AccountId, a.Verdict)));
        Assert.NotEmpty(defaulted.Campaigns);
    }

    /// <summary>A gateway config whose store lies in the fixture's folder, with this <c>Policy</c> object.</summary>
    private static string WriteConfig(ScanLogFixture fixture, string policyJson)
    {
        var path = fixture.Path2("gateway-config.json");
        var store = System.Text.Json.JsonSerializer.Serialize(fixture.Path2("gateway.db"));
        File.WriteAllText(path, $$"""{ "Gateway": { "Store": { "Path": {{store}} }, "Policy": {{policyJson}} } }""");
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
