using System.Globalization;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Evaluation;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class CalibrateCommandTests
{
    [Fact]
    public async Task Calibrate_ScanOfLabelledTraffic_WritesARiskModelThatScanScoresWith()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var inputs = fixture.Path2("model-inputs.csv");
        var labels = WriteLabels(fixture);
        var model = fixture.Path2("risk-model.json");
        var scanned = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", fixture.Path2("built-in.json"), "--model-inputs", inputs, fixture.LogPath);
        Assert.Equal(0, scanned.ExitCode);

        var run = await CliHarness.RunAsync("calibrate", "--model-inputs", inputs, "--labels", labels, "--out", model);

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Fitted on 80 labelled accounts of 80 (20 campaign, 60 honest)", run.Output, StringComparison.Ordinal);
        Assert.Contains("w_payment", run.Output, StringComparison.Ordinal);
        Assert.Contains("held out", run.Output, StringComparison.Ordinal);
        Assert.Contains("Held out: each account scored by a refit without its fold (5 folds, by account", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("Held out, per campaign", run.Output, StringComparison.Ordinal);
        var fitted = RiskModelFile.Read(model);
        Assert.NotEqual(RiskCoefficients.Default[RiskTerm.Bias], fitted[RiskTerm.Bias]);
        var text = await File.ReadAllTextAsync(model, TestContext.Current.CancellationToken);
        Assert.Contains("\"fitted_on\"", text, StringComparison.Ordinal);
        Assert.Matches("\"held_out\": \"5 folds by account: precision [0-9.]+ %, recall [0-9.]+ %, [0-9]+ of 60 honest accounts flagged", text);

        var rescanned = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--risk-model", model, "--out", fixture.Path2("refit.json"), fixture.LogPath);

        Assert.True(rescanned.ExitCode == 0, rescanned.Error);
        Assert.Contains($"risk model from {model}", rescanned.Error, StringComparison.Ordinal);
        var builtIn = FindingsSerializer.ReadFile(fixture.Path2("built-in.json")).Accounts.ToDictionary(a => a.AccountId, a => a.Risk);
        var refitFindings = FindingsSerializer.ReadFile(fixture.Path2("refit.json"));
        Assert.Equal(fitted.Fingerprint, refitFindings.Input.RiskModel);
        var refit = refitFindings.Accounts;
        Assert.Equal(20, refit.Count);
        Assert.All(refit, a => Assert.StartsWith("cmp_", a.AccountId, StringComparison.Ordinal));
        Assert.Contains(refit, a => Math.Abs(a.Risk - builtIn[a.AccountId]) > 0.001);
    }

    [Fact]
    public async Task ModelInputs_RecomputedWithTheBuiltInModel_GiveTheRiskTheScanReached()
    {
        // The refit scores rows as the engine scores accounts: same inputs, scaling, sum order and behaviour-only cap.
        using var fixture = new ScanLogFixture().WriteScenario();
        var inputs = fixture.Path2("model-inputs.csv");
        var run = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", fixture.Path2("f.json"), "--model-inputs", inputs, fixture.LogPath);
        Assert.Equal(0, run.ExitCode);
        var lifted = FindingsSerializer.ReadFile(fixture.Path2("f.json")).Accounts
            .Where(a => a.Reasons.Exists(r => r.Signal is SignalNames.BanEvasion or SignalNames.IntelMatch)).Select(a => a.AccountId).ToHashSet();

        var rows = ModelInputsReader.ReadInputsFile(inputs);

        Assert.Equal(80, rows.Count);
        var compared = 0;
        foreach (var row in rows.Where(r => !lifted.Contains(r.AccountId)))
        {
            var risk = RiskCoefficients.Default.Risk(row.Inputs, row.Exchanges, row.SizeFactor, 0.5);
            Assert.True(Math.Abs(risk - row.Risk) < 2e-3, $"{row.AccountId}: recomputed {risk}, scan {row.Risk}");
            compared++;
        }

        Assert.True(compared >= 70, $"{compared} rows compared");
        Assert.Contains(rows, r => r.Risk >= 0.5);
    }

    [Fact]
    public async Task Scan_RiskModelFileOfTheBuiltInValues_SameFindings()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var model = fixture.Path2("built-in.json");
        await using (var stream = File.Create(model))
        {
            RiskModelFile.Write(stream, RiskCoefficients.Default);
        }

        var plain = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", fixture.Path2("plain.json"), fixture.LogPath);
        var withFile = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--risk-model", model, "--out", fixture.Path2("file.json"), fixture.LogPath);

        Assert.Equal(0, plain.ExitCode);
        Assert.True(withFile.ExitCode == 0, withFile.Error);
        string[] Lines(string name) => File.ReadAllLines(fixture.Path2(name)).Where(l => !l.Contains("\"generated_at\"", StringComparison.Ordinal)).ToArray();
        Assert.Equal(Lines("plain.json"), Lines("file.json"));
        Assert.NotEmpty(FindingsSerializer.ReadFile(fixture.Path2("file.json")).Accounts);
    }

    [Fact]
    public async Task Scan_RiskModelFileThatLowersRiskForACard_ExitsWithInputCodeNamingFileAndLine()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var model = fixture.Path2("risk-model.json");
        await File.WriteAllTextAsync(model, "{\n  \"format\": \"distillguard.risk-model/v1\",\n  \"coefficients\": {\n    \"cot\": 0.5,\n    \"w_payment\": -1\n  }\n}\n", TestContext.Current.CancellationToken);

        var run = await CliHarness.RunAsync("scan", "--risk-model", model, "--out", fixture.Path2("f.json"), fixture.LogPath);

        Assert.Equal(3, run.ExitCode);
        Assert.Contains($"{model}:5: w_payment: -1 would lower risk", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Path2("f.json")));
    }

    [Fact]
    public async Task Calibrate_LabelsOfOneClass_ExitsWithInputCodeSayingSo()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var inputs = fixture.Path2("model-inputs.csv");
        Assert.Equal(0, (await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", fixture.Path2("f.json"), "--model-inputs", inputs, fixture.LogPath)).ExitCode);
        var labels = fixture.Path2("labels.csv");
        File.WriteAllLines(labels, ["account_id,label", "cmp_00,campaign", "cmp_01,campaign", "nobody,honest"]);

        var run = await CliHarness.RunAsync("calibrate", "--model-inputs", inputs, "--labels", labels, "--out", fixture.Path2("m.json"));

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("2 of its 80 accounts are labelled, 2 of them campaign accounts; a fit needs both", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Path2("m.json")));
    }

    [Fact]
    public async Task Calibrate_ABadLabel_NamesFileLineAndColumn()
    {
        using var fixture = new ScanLogFixture();
        var inputs = fixture.Path2("model-inputs.csv");
        File.WriteAllLines(inputs, ["account_id,exchanges,risk"]);
        var labels = fixture.Path2("labels.csv");
        File.WriteAllLines(labels, ["account_id,label", "cmp_00,campaign", "user_00,benign"]);

        var badLabel = await CliHarness.RunAsync("calibrate", "--model-inputs", inputs, "--labels", labels);
        var neither = await CliHarness.RunAsync("calibrate", "--model-inputs", inputs);
        var noPenalty = await CliHarness.RunAsync("calibrate", "--model-inputs", inputs, "--labels", labels, "--l2", "0");
        var oneFold = await CliHarness.RunAsync("calibrate", "--model-inputs", inputs, "--labels", labels, "--folds", "1");

        Assert.Equal(3, badLabel.ExitCode);
        Assert.Contains($"{inputs}:1: column 'size_factor' missing from the header", badLabel.Error, StringComparison.Ordinal);
        File.WriteAllLines(inputs, ["account_id,exchanges,size_factor,risk," + string.Join(',', RiskCoefficients.Names.Skip(1))]);
        badLabel = await CliHarness.RunAsync("calibrate", "--model-inputs", inputs, "--labels", labels);
        Assert.Equal(3, badLabel.ExitCode);
        Assert.Contains($"{labels}:3: label: 'benign' is neither 'campaign' nor 'honest'", badLabel.Error, StringComparison.Ordinal);
        Assert.Equal(2, neither.ExitCode);
        Assert.Equal(2, noPenalty.ExitCode);
        Assert.Contains("--l2: must be a finite number above 0", noPenalty.Error, StringComparison.Ordinal);
        Assert.Equal(2, oneFold.ExitCode);
    }

    [Fact]
    public async Task Calibrate_LabelsNamingCampaigns_HoldsACampaignOutTogether()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var inputs = fixture.Path2("model-inputs.csv");
        Assert.Equal(0, (await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", fixture.Path2("f.json"), "--model-inputs", inputs, fixture.LogPath)).ExitCode);

        // Two folds: "op-a" and "op-b" hash to different ones, "alpha" and "beta" to the same one.
        var apart = await CliHarness.RunAsync("calibrate", "--model-inputs", inputs, "--labels", WriteGroupedLabels(fixture, "apart.csv", "op-a", "op-b"), "--folds", "2");
        var together = await CliHarness.RunAsync("calibrate", "--model-inputs", inputs, "--labels", WriteGroupedLabels(fixture, "together.csv", "alpha", "beta"), "--folds", "2");
        var noFolds = await CliHarness.RunAsync("calibrate", "--model-inputs", inputs, "--labels", WriteGroupedLabels(fixture, "none.csv", "op-a", "op-b"), "--folds", "0");

        Assert.True(apart.ExitCode == 0, apart.Error);
        Assert.Contains("(2 folds, a campaign's accounts held out together)", apart.Output, StringComparison.Ordinal);
        Assert.Contains("Held out, per campaign", apart.Output, StringComparison.Ordinal);
        Assert.Matches(@"│ op-a +│ 10 +│ \d+ +│ [0-9.]+ % +│", apart.Output);
        Assert.Matches(@"│ op-b +│ 10 +│ \d+ +│ [0-9.]+ % +│", apart.Output);
        Assert.Equal(0, together.ExitCode);
        Assert.Contains("Not cross-validated: without fold 2 of 2 the labelled accounts hold 0 campaign and", together.Output, StringComparison.Ordinal);
        Assert.Equal(0, noFolds.ExitCode);
        Assert.DoesNotContain("held out", noFolds.Output, StringComparison.OrdinalIgnoreCase);
    }

    private static string WriteGroupedLabels(ScanLogFixture fixture, string name, string first, string second)
    {
        var path = fixture.Path2(name);
        var lines = new List<string> { "account_id,label,group" };
        lines.AddRange(Enumerable.Range(0, 20).Select(i => string.Create(CultureInfo.InvariantCulture, $"cmp_{i:D2},campaign,{(i < 10 ? first : second)}")));
        lines.AddRange(Enumerable.Range(0, 60).Select(i => string.Create(CultureInfo.InvariantCulture, $"user_{i:D2},honest,")));
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public async Task Scan_ModelInputsEvery12h_SnapshotsOnTheBoundariesEndingWithTheFinalInputsAndCalibrateFitsOnThem()
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        var final = fixture.Path2("final.csv");
        var snapshots = fixture.Path2("snapshots.csv");
        var plain = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", fixture.Path2("f.json"), "--model-inputs", final, fixture.LogPath);
        Assert.Equal(0, plain.ExitCode);

        var run = await CliHarness.RunAsync("scan", "--accounts", fixture.AccountsPath, "--out", fixture.Path2("g.json"), "--model-inputs", snapshots, "--model-inputs-every", "12h", fixture.LogPath);

        Assert.True(run.ExitCode == 0, run.Error);
        // The snapshots change nothing the scan decides.
        Assert.Equal(Accounts(fixture.Path2("f.json")), Accounts(fixture.Path2("g.json")));
        var lines = await File.ReadAllLinesAsync(snapshots, TestContext.Current.CancellationToken);
        var finalLines = await File.ReadAllLinesAsync(final, TestContext.Current.CancellationToken);
        Assert.Equal(finalLines[0] + ",at", lines[0]);
        var byTime = lines.Skip(1).GroupBy(l => l[(l.LastIndexOf(',') + 1)..]).ToList();
        Assert.True(byTime.Count >= 4, $"{byTime.Count} snapshots");
        // Every snapshot but the last is taken at the first evaluation on or after a 12-hour boundary of log time: a
        // tick's end (a quarter hour), one in each 12 hours.
        var times = byTime.SkipLast(1).Select(g => DateTime.Parse(g.Key, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal)).ToList();
        var keys = string.Join(" ", byTime.Select(g => g.Key));
        Assert.True(times.All(t => t.Minute % 15 == 0 && t.Second == 0), keys);
        Assert.Equal(times.Count, times.Select(t => t.Ticks / TimeSpan.FromHours(12).Ticks).Distinct().Count());
        Assert.Equal(ScanLogFixture.Start.AddHours(12), times[0]);
        Assert.Contains($"{byTime.Count} snapshots, every 12h of log time and at the end", run.Error, StringComparison.Ordinal);
        // Earlier snapshots hold the accounts active by then; the last is the final inputs, row for row.
        Assert.True(byTime[0].Count() < byTime[^1].Count(), $"{byTime[0].Count()} rows at {byTime[0].Key}");
        Assert.Equal(finalLines.Skip(1), byTime[^1].Select(l => l[..l.LastIndexOf(',')]));

        var fit = await CliHarness.RunAsync("calibrate", "--model-inputs", snapshots, "--labels", WriteLabels(fixture), "--folds", "0");

        Assert.True(fit.ExitCode == 0, fit.Error);
        Assert.Contains($"Fitted on {lines.Length - 1} labelled accounts of {lines.Length - 1}", fit.Output, StringComparison.Ordinal);
        var refused = Assert.Throws<InvalidDataException>(() => ModelInputsReader.ReadFile(snapshots));
        Assert.Contains("snapshots.csv:1: column 'at'", refused.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("10m", "--model-inputs", "'10m' is not an interval of at least 15m")]
    [InlineData("2w", "--model-inputs", "'2w' is not an interval")]
    [InlineData("1d", null, "--model-inputs-every needs --model-inputs")]
    public async Task Scan_ModelInputsEveryBadOrAlone_UsageErrorNamingIt(string every, string? modelInputs, string message)
    {
        using var fixture = new ScanLogFixture().WriteScenario();
        string[] inputs = modelInputs is null ? [] : [modelInputs, fixture.Path2("m.csv")];

        var run = await CliHarness.RunAsync(["scan", "--out", fixture.Path2("f.json"), "--model-inputs-every", every, .. inputs, fixture.LogPath]);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(fixture.Path2("f.json")));
    }

    private static string Accounts(string findingsPath) => System.Text.Json.JsonDocument.Parse(File.ReadAllText(findingsPath)).RootElement.GetProperty("accounts").GetRawText();

    private static string WriteLabels(ScanLogFixture fixture)
    {
        var path = fixture.Path2("labels.csv");
        var lines = new List<string> { "account_id,label" };
        lines.AddRange(Enumerable.Range(0, 20).Select(i => string.Create(CultureInfo.InvariantCulture, $"cmp_{i:D2},campaign")));
        lines.AddRange(Enumerable.Range(0, 60).Select(i => string.Create(CultureInfo.InvariantCulture, $"user_{i:D2},honest")));
        File.WriteAllLines(path, lines);
        return path;
    }
}
