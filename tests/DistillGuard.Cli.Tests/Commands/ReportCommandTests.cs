using DistillGuard.Core.Findings;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class ReportCommandTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dg-cli-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Report_ValidFindings_WritesHtmlReport()
    {
        var findings = Path.Combine(_directory, "findings.json");
        var report = Path.Combine(_directory, "report.html");
        FindingsSerializer.WriteFile(findings, Sample());

        var run = await CliHarness.RunAsync("report", findings, "-o", report);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("1 campaign(s), 1 flagged account(s)", run.Output, StringComparison.Ordinal);
        var html = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("data-campaign-id=\"cmp_0001\"", html, StringComparison.Ordinal);
        Assert.Contains("data-account-id=\"acct_1\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_FindingsOfSimulatedScan_RendersEveryCampaignAndFlaggedAccount()
    {
        var logs = Path.Combine(_directory, "logs");
        var findings = Path.Combine(_directory, "findings.json");
        var report = Path.Combine(_directory, "report.html");
        var simulate = await CliHarness.RunAsync("simulate", "--scenario", "default", "--scale", "0.05", "--days", "3", "--out", logs);
        Assert.Equal(0, simulate.ExitCode);
        var scan = await CliHarness.RunAsync("scan", "--accounts", Path.Combine(logs, "accounts.jsonl"), "--models", Path.Combine(logs, "models.jsonl"), "--out", findings, logs);
        Assert.Equal(0, scan.ExitCode);

        var run = await CliHarness.RunAsync("report", findings, "-o", report);

        Assert.Equal(0, run.ExitCode);
        var document = FindingsSerializer.ReadFile(findings);
        var html = await File.ReadAllTextAsync(report, TestContext.Current.CancellationToken);
        Assert.NotEmpty(document.Campaigns);
        foreach (var campaign in document.Campaigns)
        {
            Assert.Contains($"data-campaign-id=\"{campaign.CampaignId}\"", html, StringComparison.Ordinal);
        }

        Assert.Equal(document.Accounts.Count, System.Text.RegularExpressions.Regex.Count(html, "<tr id=\"account-"));
    }

    [Fact]
    public async Task Report_MissingFindingsFile_ExitsWithInputErrorNamingFile()
    {
        var missing = Path.Combine(_directory, "nope.json");

        var run = await CliHarness.RunAsync("report", missing, "-o", Path.Combine(_directory, "r.html"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(missing, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_directory, "r.html")));
    }

    [Fact]
    public async Task Report_MalformedFindings_ExitsWithInputErrorNamingLine()
    {
        var findings = Path.Combine(_directory, "bad.json");
        await File.WriteAllTextAsync(findings, "{\n  \"schema\": \"distillguard.findings/v1\",\n  \"input\": {\"exchanges\": \"many\"}\n}\n", TestContext.Current.CancellationToken);

        var run = await CliHarness.RunAsync("report", findings, "-o", Path.Combine(_directory, "r.html"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains(findings + ":3:", run.Error, StringComparison.Ordinal);
        Assert.Contains("exchanges", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Report_NoOutputOption_ExitsWithUsageCode()
    {
        var run = await CliHarness.RunAsync("report", Path.Combine(_directory, "findings.json"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--out", run.Error, StringComparison.Ordinal);
    }

    private static FindingsDocument Sample() => new()
    {
        GeneratedAt = new DateTime(2026, 5, 1, 0, 0, 0, DateTimeKind.Utc),
        Input = new() { Exchanges = 900, Accounts = 12 },
        Accounts = [new() { AccountId = "acct_1", Risk = 0.9, Verdict = "block", CampaignId = "cmp_0001", Exchanges = 300, Reasons = [new() { Signal = "shared_payment", Weight = 0.3, Detail = "shares a card with 3 accounts" }] }],
        Campaigns = [new() { CampaignId = "cmp_0001", Confidence = 0.9, Accounts = 1, AccountIds = ["acct_1"], Exchanges = 300, Capabilities = new() { ["coding"] = 1.0 } }],
    };
}
