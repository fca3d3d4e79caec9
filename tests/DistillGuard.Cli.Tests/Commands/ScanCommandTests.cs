using System.Text.RegularExpressions;
using DistillGuard.Core.Findings;

namespace DistillGuard.Cli.Tests.Commands;

public sealed partial class ScanCommandTests
{
    [Fact]
    public async Task Scan_NoLogArgument_ExitsWithUsageCode()
    {
        var run = await CliHarness.RunAsync("scan");

        Assert.Equal(2, run.ExitCode);
    }

    [Fact]
    public async Task Scan_ZeroThreads_ExitsWithUsageCode()
    {
        using var fixture = new ScanLogFixture().WriteScenario();

        var run = await CliHarness.RunAsync("scan", "--threads", "0", fixture.LogPath);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--threads", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_MissingLogFile_ExitsWithInputCode()
    {
        using var fixture = new ScanLogFixture();
        var missing = fixture.Path2("nope.jsonl");

        var run = await CliHarness.RunAsync("scan", missing);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("nope.jsonl", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_CampaignLogWithOut_WritesFindingsNamingTheCampaign()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var outPath = fixture.Path2("findings.json");

        var run = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", outPath, fixture.LogPath);

        Assert.Equal(0, run.ExitCode);
        var findings = FindingsSerializer.ReadFile(outPath);
        Assert.Equal(20 * 80 + 60 * 6, findings.Input.Exchanges);
        var campaign = Assert.Single(findings.Campaigns);
        Assert.All(campaign.AccountIds, id => Assert.StartsWith("cmp_", id, StringComparison.Ordinal));
        Assert.True(campaign.Accounts >= 19, $"campaign has {campaign.Accounts} of 20 accounts");
        Assert.DoesNotContain(findings.Accounts, a => a.AccountId.StartsWith("user_", StringComparison.Ordinal));
        Assert.Contains(campaign.CampaignId, run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_AccountsFromSignup_BillingExportWithoutStampsScannedAsWithEachSignUpStamped()
    {
        // The simulator stamps each sign-up inside the window; a provider's billing export has only created_at.
        using var fixture = new ScanLogFixture();
        var sim = fixture.Path2("sim");
        Assert.Equal(0, (await CliHarness.RunAsync("simulate", "--scenario", "hydra-proxy", "--out", sim, "--scale", "0.005", "--seed", "3")).ExitCode);
        var stamped = Path.Combine(sim, "accounts.jsonl");
        var export = fixture.Path2("export.jsonl");
        File.WriteAllLines(export, File.ReadAllLines(stamped).Select(l => System.Text.RegularExpressions.Regex.Replace(l, ",\"effective_from\":\"[^\"]*\"", string.Empty)));
        Assert.Contains("effective_from", File.ReadAllText(stamped), StringComparison.Ordinal);
        async Task<string> ScanAsync(string name, params string[] accounts)
        {
            var outPath = fixture.Path2(name);
            var run = await CliHarness.RunAsync(["scan", .. accounts, "--models", Path.Combine(sim, "models.jsonl"), "--out", outPath, sim]);
            Assert.Equal(0, run.ExitCode);
            var findings = FindingsSerializer.ReadFile(outPath);
            findings.GeneratedAt = default;
            return FindingsSerializer.ToJson(findings);
        }

        var expected = await ScanAsync("stamped.json", "--accounts", stamped);

        Assert.Equal(expected, await ScanAsync("from-signup.json", "--accounts", export, "--accounts-from-signup"));
        // Not vacuous: without the flag the export counts every later sign-up on a card from the log's first exchange.
        Assert.NotEqual(expected, await ScanAsync("hindsight.json", "--accounts", export));
    }

    [Fact]
    public async Task Scan_ModelInputs_WritesEveryActiveAccountsRiskAsInTheFindings()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var outPath = fixture.Path2("findings.json");
        var inputsPath = fixture.Path2("model-inputs.csv");

        var run = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", outPath, "--model-inputs", inputsPath, fixture.LogPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("model inputs written to", run.Error, StringComparison.Ordinal);
        var lines = File.ReadAllLines(inputsPath);
        var header = lines[0].Split(',');
        Assert.Equal("account_id", header[0]);
        var risk = Array.IndexOf(header, "risk");
        var rows = lines[1..].Select(l => l.Split(',')).ToDictionary(f => f[0], f => double.Parse(f[risk], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(20 + 60, rows.Count);
        var findings = FindingsSerializer.ReadFile(outPath);
        Assert.NotEmpty(findings.Accounts);
        Assert.All(findings.Accounts, a => Assert.Equal(a.Risk, rows[a.AccountId], 3));
        Assert.All(rows.Where(r => r.Key.StartsWith("user_", StringComparison.Ordinal)), r => Assert.True(r.Value < 0.5, $"{r.Key} at {r.Value}"));
    }

    [Fact]
    public async Task Scan_SharedEgressFile_ItsBlocksLinkNoOne()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var egress = fixture.Path2("egress.txt");
        File.WriteAllLines(egress, ["# a serverless platform's egress", "", "203.0.113.0/24   # us-east", "2001:db8:40::/44"]);

        var plain = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", fixture.Path2("plain.json"), fixture.LogPath);
        var run = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--shared-egress", egress, "--out", fixture.Path2("listed.json"), fixture.LogPath);

        Assert.Equal(0, plain.ExitCode);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains(FindingsSerializer.ReadFile(fixture.Path2("plain.json")).Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.SharedIpBlock));
        Assert.DoesNotContain(FindingsSerializer.ReadFile(fixture.Path2("listed.json")).Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.SharedIpBlock));
    }

    [Fact]
    public async Task Scan_SharedEgressFileWithABadLine_ExitsWithInputCodeNamingFileAndLine()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var egress = fixture.Path2("egress.txt");
        File.WriteAllLines(egress, ["203.0.113.0/24", "# comment", "vercel egress"]);

        var run = await CliHarness.RunAsync("scan", "--shared-egress", egress, "--out", fixture.Path2("f.json"), fixture.LogPath);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"{egress}:3: SharedEgress: 'vercel egress' is not an IP address or CIDR block", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Path2("f.json")));
    }

    [Fact]
    public async Task Scan_NoOut_WritesFindingsJsonToStdoutAndSummaryToStderr()
    {
        using var fixture = new ScanLogFixture().WriteScenario();

        var run = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, fixture.LogPath);

        Assert.Equal(0, run.ExitCode);
        var path = fixture.Path2("stdout.json");
        await File.WriteAllTextAsync(path, run.Output, TestContext.Current.CancellationToken);
        var findings = FindingsSerializer.ReadFile(path);
        Assert.NotEmpty(findings.Campaigns);
        Assert.Contains("campaigns", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_BadRecords_ReportedWithFileAndLineAndCounted()
    {
        using var fixture = new ScanLogFixture().WriteScenario("{not json", """{"ts":"2026-04-22T01:00:00Z","request":{"model":"m","messages":[]}}""");
        var outPath = fixture.Path2("findings.json");

        var run = await CliHarness.RunAsync("scan", "--out", outPath, fixture.LogPath);

        Assert.Equal(0, run.ExitCode);
        var findings = FindingsSerializer.ReadFile(outPath);
        Assert.Equal(2, findings.Input.BadRecords);
        Assert.Equal(20 * 80 + 60 * 6, findings.Input.Exchanges);
        var lines = 20 * 80 + 60 * 6;
        Assert.Contains($"exchanges.jsonl:{lines + 1}:", run.Error, StringComparison.Ordinal);
        Assert.Contains($"exchanges.jsonl:{lines + 2}:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scan_StrictWithBadRecord_ExitsWithInputCodeNamingTheLine()
    {
        using var fixture = new ScanLogFixture().WriteScenario("{not json");
        var outPath = fixture.Path2("findings.json");

        var run = await CliHarness.RunAsync("scan", "--strict", "--out", outPath, fixture.LogPath);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"exchanges.jsonl:{20 * 80 + 60 * 6 + 1}:", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(outPath));
    }

    [Fact]
    public async Task Scan_BadAccountsLine_ReportedAndOtherAccountsKept()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        await File.AppendAllTextAsync(fixture.AccountsPath, "{\"created_at\":\"2026-01-01T00:00:00Z\"}\n", TestContext.Current.CancellationToken);
        var outPath = fixture.Path2("findings.json");

        var run = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", outPath, fixture.LogPath);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("accounts.jsonl:81:", run.Error, StringComparison.Ordinal);
        Assert.Contains("account_id", run.Error, StringComparison.Ordinal);
        Assert.Single(FindingsSerializer.ReadFile(outPath).Campaigns);
    }

    [Fact]
    public async Task Scan_DifferentThreadCounts_ByteIdenticalApartFromGeneratedAt()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var one = fixture.Path2("one.json");
        var two = fixture.Path2("two.json");

        var first = await CliHarness.RunAsync("scan", "--threads", "1", "--accounts", fixture.AccountsPath, "--out", one, fixture.LogPath);
        var second = await CliHarness.RunAsync("scan", "--threads", "4", "--accounts", fixture.AccountsPath, "--out", two, fixture.LogPath);

        Assert.Equal(0, first.ExitCode);
        Assert.Equal(0, second.ExitCode);
        var a = GeneratedAt().Replace(await File.ReadAllTextAsync(one, TestContext.Current.CancellationToken), string.Empty);
        var b = GeneratedAt().Replace(await File.ReadAllTextAsync(two, TestContext.Current.CancellationToken), string.Empty);
        Assert.Contains("\"campaigns\"", a, StringComparison.Ordinal);
        Assert.Equal(a, b);
    }

    [Fact]
    public async Task Scan_DirectoryHoldingSideFiles_ReadsOnlyExchangesFromIt()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        // As a gateway's log directory holds them, beside the accounts file.
        File.WriteAllText(fixture.Path2("overrides.jsonl"), "{\"account_id\":\"user_01\",\"verdict\":\"allow\",\"effective_from\":\"2026-04-22T01:00:00.000Z\"}\n");
        File.WriteAllText(fixture.Path2("models.jsonl"), "{\"model\":\"frontier-large-2\",\"released_at\":\"2026-01-01T00:00:00Z\"}\n");
        var outPath = Path.Combine(Path.GetTempPath(), "dg-out-" + Guid.NewGuid().ToString("N") + ".json");

        var run = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", outPath, fixture.Directory);

        Assert.Equal(0, run.ExitCode);
        var findings = FindingsSerializer.ReadFile(outPath);
        File.Delete(outPath);
        Assert.Equal(0, findings.Input.BadRecords);
        Assert.Equal(20 * 80 + 60 * 6, findings.Input.Exchanges);
    }

    [Fact]
    public async Task Scan_WithReport_WritesHtmlReportNamingTheCampaign()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var outPath = fixture.Path2("findings.json");
        var reportPath = fixture.Path2("report.html");

        var run = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", outPath, "--report", reportPath, fixture.LogPath);

        Assert.Equal(0, run.ExitCode);
        var campaign = Assert.Single(FindingsSerializer.ReadFile(outPath).Campaigns);
        Assert.Contains(campaign.CampaignId, await File.ReadAllTextAsync(reportPath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    /// <summary>The one field of a findings document that differs between two runs over the same input.</summary>
    [GeneratedRegex("\"generated_at\": \"[^\"]*\"")]
    internal static partial Regex GeneratedAt();
}
