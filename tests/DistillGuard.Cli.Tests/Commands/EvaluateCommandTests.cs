using System.Text.Json;
using DistillGuard.Core.Findings;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class EvaluateCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dg-evalcli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    /// <summary>
    /// A tiny scenario plus findings that block exactly the deepseek accounts, one hour after its first exchange, and
    /// name three campaigns: the deepseek accounts in two pieces (one of a single account) and two honest accounts.
    /// </summary>
    private async Task<(string Dir, string Findings, int DeepSeekAccounts, int CampaignAccounts)> Prepare()
    {
        var dir = Path.Combine(_root, "sim");
        var run = await CliHarness.RunAsync("simulate", "--scenario", "default", "--out", dir, "--scale", "0.05", "--days", "5", "--seed", "9");
        Assert.Equal(0, run.ExitCode);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "truth.json")));
        var seen = truth.RootElement.GetProperty("accounts").EnumerateArray().Where(a => a.GetProperty("exchanges").GetInt64() > 0).ToList();
        var deepseek = seen.Where(a => a.GetProperty("label").GetString() == "deepseek-2026-02").ToList();
        var firstExchange = truth.RootElement.GetProperty("campaigns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "deepseek-2026-02").GetProperty("first_exchange").GetDateTime().ToUniversalTime();
        var deepseekIds = deepseek.Select(a => a.GetProperty("account_id").GetString()!).ToList();
        var honestIds = seen.Where(a => !a.GetProperty("campaign").GetBoolean()).Take(2).Select(a => a.GetProperty("account_id").GetString()!).ToList();
        var findings = new FindingsDocument
        {
            GeneratedAt = new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc),
            Accounts = [.. deepseekIds.Select(id => new AccountFinding { AccountId = id, Risk = 0.9, Verdict = "block", FirstFlaggedAt = firstExchange.AddHours(1), Reasons = [new Reason { Signal = "test", Weight = 1, Detail = "hand-made" }] })],
            Campaigns =
            [
                new CampaignFinding { CampaignId = "cmp_a", AccountIds = deepseekIds[1..], DetectedAt = firstExchange.AddHours(1) },
                new CampaignFinding { CampaignId = "cmp_b", AccountIds = deepseekIds[..1], DetectedAt = firstExchange.AddHours(1) },
                new CampaignFinding { CampaignId = "cmp_c", AccountIds = honestIds, DetectedAt = firstExchange },
            ],
        };
        var path = Path.Combine(_root, "findings.json");
        FindingsSerializer.WriteFile(path, findings);
        return (dir, path, deepseek.Count, seen.Count(a => a.GetProperty("campaign").GetBoolean()));
    }

    [Fact]
    public async Task Evaluate_JsonWithLog_ScoresHandMadeFindings()
    {
        var (dir, findings, deepseek, campaignAccounts) = await Prepare();

        var run = await CliHarness.RunAsync("evaluate", "--truth", Path.Combine(dir, "truth.json"), "--findings", findings, "--log", dir, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var report = JsonDocument.Parse(run.Output);
        var flagged = report.RootElement.GetProperty("findings").GetProperty("flagged");
        Assert.Equal(1.0, flagged.GetProperty("precision").GetDouble());
        Assert.Equal((double)deepseek / campaignAccounts, flagged.GetProperty("recall").GetDouble(), 10);
        Assert.Equal(0.0, flagged.GetProperty("false_positive_rate").GetDouble());
        var campaign = report.RootElement.GetProperty("findings").GetProperty("campaigns").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "deepseek-2026-02");
        Assert.Equal(1.0, campaign.GetProperty("hours_to_detect").GetDouble(), 6);
        Assert.Equal(["cmp_a", "cmp_b"], campaign.GetProperty("matched_campaign_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(deepseek - 1, campaign.GetProperty("largest_match_accounts").GetInt32());
        Assert.Equal(3, report.RootElement.GetProperty("findings").GetProperty("findings_campaigns").GetInt32());
        Assert.Equal(["cmp_c"], report.RootElement.GetProperty("findings").GetProperty("unmatched_campaign_ids").EnumerateArray().Select(e => e.GetString()));
        Assert.Empty(report.RootElement.GetProperty("findings").GetProperty("mixed_campaign_ids").EnumerateArray());
        Assert.Empty(campaign.GetProperty("mixed_with").EnumerateArray());
        Assert.InRange(campaign.GetProperty("leakage").GetDouble(), 0.0001, 0.2);
        Assert.Equal(500, report.RootElement.GetProperty("daily_quota").GetInt32());
        Assert.True(report.RootElement.TryGetProperty("baseline", out var baseline));
        // No honest account is enforced by these findings, at the end or before; the quota refuses an exchange of
        // every honest account it trips, and no more than the archetype sent.
        Assert.All(report.RootElement.GetProperty("findings").GetProperty("archetypes").EnumerateArray(), a =>
            Assert.Equal((0, 0L), (a.GetProperty("ever_enforced").GetInt32(), a.GetProperty("exchanges_while_enforced").GetInt64())));
        Assert.All(baseline.GetProperty("archetypes").EnumerateArray(), a =>
        {
            var refused = a.GetProperty("exchanges_while_enforced").GetInt64();
            Assert.InRange(refused, a.GetProperty("flagged").GetInt32(), a.GetProperty("exchanges").GetInt64());
            Assert.Equal(a.GetProperty("flagged").GetInt32(), a.GetProperty("ever_enforced").GetInt32());
        });
    }

    [Fact]
    public async Task Evaluate_Table_ShowsCampaignsAndArchetypes()
    {
        var (dir, findings, deepseek, _) = await Prepare();

        var run = await CliHarness.RunAsync("evaluate", "--truth", Path.Combine(dir, "truth.json"), "--findings", findings);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("False positives per honest archetype", run.Output, StringComparison.Ordinal);
        Assert.Contains("ever enforced", run.Output, StringComparison.Ordinal);
        Assert.Contains("casual_chat", run.Output, StringComparison.Ordinal);
        Assert.Contains("Campaigns", run.Output, StringComparison.Ordinal);
        // The deepseek accounts came out in two pieces; the honest pair is not any campaign's.
        Assert.Contains($"2 (largest: {deepseek - 1})", run.Output, StringComparison.Ordinal);
        Assert.Contains("Findings campaigns: 3. Holding accounts of more than one true campaign: 0. Not mostly one true campaign's accounts (mostly honest, or no campaign holds a majority): 1 (cmp_c).", Flatten(run.Output), StringComparison.Ordinal);
    }

    /// <summary>The terminal wraps long lines; joins them back.</summary>
    private static string Flatten(string output) => string.Join(' ', output.Split('\n', StringSplitOptions.TrimEntries));

    [Fact]
    public async Task Evaluate_MissingTruth_InputErrorNamingFile()
    {
        var missing = Path.Combine(_root, "nope.json");

        var run = await CliHarness.RunAsync("evaluate", "--truth", missing, "--findings", missing);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("nope.json", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_MalformedFindings_InputErrorNamingFileAndLine()
    {
        var (dir, _, _, _) = await Prepare();
        var bad = Path.Combine(_root, "bad.json");
        await File.WriteAllTextAsync(bad, "{\"schema\": \"distillguard.findings/v1\",\n \"accounts\": [oops]}", TestContext.Current.CancellationToken);

        var run = await CliHarness.RunAsync("evaluate", "--truth", Path.Combine(dir, "truth.json"), "--findings", bad);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("bad.json:2", run.Error, StringComparison.Ordinal);
    }
    /// <summary>Model inputs for three honest accounts of the scenario and one campaign account, riskiest campaign first.</summary>
    private async Task<(string Path, List<(string Id, string Label)> Honest)> WriteModelInputs(string dir)
    {
        using var truth = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(dir, "truth.json"), TestContext.Current.CancellationToken));
        var seen = truth.RootElement.GetProperty("accounts").EnumerateArray().Where(a => a.GetProperty("exchanges").GetInt64() > 0).ToList();
        var honest = seen.Where(a => !a.GetProperty("campaign").GetBoolean()).Take(3)
            .Select(a => (a.GetProperty("account_id").GetString()!, a.GetProperty("label").GetString()!)).ToList();
        var campaign = seen.First(a => a.GetProperty("campaign").GetBoolean()).GetProperty("account_id").GetString()!;
        var path = Path.Combine(_root, "model-inputs.csv");
        await File.WriteAllLinesAsync(path,
        [
            "account_id,exchanges,behaviour,active,size_factor,risk",
            $"{campaign},300,0.8,40,1,0.99",
            $"{honest[0].Item1},12,0.2,1,0,0.1",
            $"{honest[1].Item1},80,0.4,9,0.8,0.45",
            $"{honest[2].Item1},30,0.3,4,0.4,0.31",
        ], TestContext.Current.CancellationToken);
        return (path, honest);
    }

    [Fact]
    public async Task Evaluate_ModelInputs_ReportsTheRiskiestHonestAccountsAndEachArchetypesHighest()
    {
        var (dir, findings, _, _) = await Prepare();
        var (inputs, honest) = await WriteModelInputs(dir);

        var run = await CliHarness.RunAsync("evaluate", "--truth", Path.Combine(dir, "truth.json"), "--findings", findings, "--model-inputs", inputs, "--json");

        Assert.Equal(0, run.ExitCode);
        using var report = JsonDocument.Parse(run.Output);
        var exposure = report.RootElement.GetProperty("honest_exposure");
        Assert.Equal(0.5, exposure.GetProperty("review_risk").GetDouble());
        var nearest = exposure.GetProperty("nearest").EnumerateArray().ToList();
        Assert.Equal([honest[1].Id, honest[2].Id, honest[0].Id], nearest.Select(a => a.GetProperty("account_id").GetString()));
        Assert.Equal(honest[1].Label, nearest[0].GetProperty("archetype").GetString());
        Assert.Equal(0.45, nearest[0].GetProperty("risk").GetDouble());
        Assert.Equal(9, nearest[0].GetProperty("cluster_accounts").GetInt32());
        var archetypes = exposure.GetProperty("archetypes").EnumerateArray().ToList();
        Assert.Equal(3, archetypes.Sum(a => a.GetProperty("accounts").GetInt32()));
        Assert.Equal(2, archetypes.Sum(a => a.GetProperty("near_review").GetInt32()));
        Assert.Equal(0.45, archetypes.Single(a => a.GetProperty("name").GetString() == honest[1].Label).GetProperty("max_risk").GetDouble());

        var table = await CliHarness.RunAsync("evaluate", "--truth", Path.Combine(dir, "truth.json"), "--findings", findings, "--model-inputs", inputs);

        Assert.Equal(0, table.ExitCode);
        Assert.Contains("Riskiest honest accounts", table.Output, StringComparison.Ordinal);
        Assert.Contains(honest[1].Id, table.Output, StringComparison.Ordinal);
        Assert.Contains("0.450", table.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evaluate_ModelInputsWithABadRisk_InputErrorNamingFileLineAndColumn()
    {
        var (dir, findings, _, _) = await Prepare();
        var (inputs, _) = await WriteModelInputs(dir);
        var lines = await File.ReadAllLinesAsync(inputs, TestContext.Current.CancellationToken);
        lines[2] = lines[2][..lines[2].LastIndexOf(',')] + ",high";
        await File.WriteAllLinesAsync(inputs, lines, TestContext.Current.CancellationToken);

        var run = await CliHarness.RunAsync("evaluate", "--truth", Path.Combine(dir, "truth.json"), "--findings", findings, "--model-inputs", inputs);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("model-inputs.csv:3: risk: 'high' is not a number", run.Error, StringComparison.Ordinal);
    }
    [Fact]
    public async Task Evaluate_ModelInputsOfAnotherScenario_InputErrorSayingNoAccountMatches()
    {
        var (dir, findings, _, _) = await Prepare();
        var inputs = Path.Combine(_root, "other-inputs.csv");
        await File.WriteAllLinesAsync(inputs, ["account_id,exchanges,active,risk", "acct_elsewhere1,10,1,0.2", "acct_elsewhere2,12,3,0.4"], TestContext.Current.CancellationToken);

        var run = await CliHarness.RunAsync("evaluate", "--truth", Path.Combine(dir, "truth.json"), "--findings", findings, "--model-inputs", inputs);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("other-inputs.csv: none of its 2 accounts is in", run.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, run.Output);
    }
}
