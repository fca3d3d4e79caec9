using System.CommandLine;
using System.Globalization;
using DistillGuard.Cli.Infrastructure;
using DistillGuard.Core.Engine;
using DistillGuard.Simulation.Evaluation;
using DistillGuard.Simulation.Truth;
using Spectre.Console;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard calibrate</c>: refits the risk model's coefficients on labelled accounts (the model inputs a scan
/// wrote, and which of those accounts are campaign accounts), prints them beside the model they would replace and how
/// each does on those accounts, and writes a risk model file that <c>scan --risk-model</c> and the gateway's
/// <c>Gateway:Policy:RiskModel</c> read. Exit 0 ok, 2 usage, 3 input unreadable or unusable.
/// </summary>
internal sealed class CalibrateCommand : ICliVerb
{
    public Command Build(CliConsole console)
    {
        var modelInputs = new Option<string>("--model-inputs") { Description = "The model inputs of a scan of labelled traffic ('scan --model-inputs').", Required = true };
        var truth = new Option<string?>("--truth") { Description = "truth.json written by 'simulate': every account labelled." };
        var labels = new Option<string?>("--labels") { Description = "Your own labels: CSV with the header 'account_id,label' or 'account_id,label,group', each label 'campaign' or 'honest', the group naming a campaign; accounts it leaves out are not fitted on." };
        var output = new Option<string?>("--out") { Description = "Write the fitted risk model file here." };
        var baseline = new Option<string?>("--risk-model") { Description = "The risk model file the refit would replace (default: the built-in model)." };
        var folds = new Option<int>("--folds") { Description = "Score each account with a refit made without its fold, in this many folds, a campaign's accounts held out together where the labels name campaigns; 0 skips it.", DefaultValueFactory = _ => 5 };
        var l2 = new Option<double>("--l2") { Description = "Ridge penalty on every coefficient but the bias, above 0; larger keeps coefficients smaller. Choose it by the held-out row.", DefaultValueFactory = _ => 1.0 };
        var command = new Command("calibrate", "Refit the risk model's coefficients on labelled accounts and write a risk model file.")
        {
            modelInputs, truth, labels, output, baseline, l2, folds,
        };
        command.SetAction(parse => Run(console, new CalibrateRequest(parse.GetValue(modelInputs)!, parse.GetValue(truth), parse.GetValue(labels), parse.GetValue(output), parse.GetValue(baseline), parse.GetValue(l2), parse.GetValue(folds))));
        return command;
    }

    private static int Run(CliConsole console, CalibrateRequest request)
    {
        var (modelInputsPath, truthPath, labelsPath, outPath, baselinePath, l2, folds) = request;
        if ((truthPath is null) == (labelsPath is null))
        {
            console.Error.WriteLine("error: name the labels with one of --truth or --labels");
            return ExitCodes.Usage;
        }

        if (!(l2 > 0) || !double.IsFinite(l2))
        {
            console.Error.WriteLine("error: --l2: must be a finite number above 0");
            return ExitCodes.Usage;
        }

        if (folds is < 0 or 1)
        {
            console.Error.WriteLine("error: --folds: 0 (no cross-validation) or at least 2");
            return ExitCodes.Usage;
        }

        List<ModelInputsRow> all;
        Dictionary<string, AccountLabel> labelled;
        RiskCoefficients current;
        try
        {
            all = ModelInputsReader.ReadInputsFile(modelInputsPath);
            if (truthPath is not null)
            {
                labelled = AccountLabels.FromTruth(TruthSerializer.ReadFile(truthPath));
            }
            else
            {
                using var reader = new StreamReader(labelsPath!);
                labelled = AccountLabels.ReadCsv(reader, labelsPath!);
            }

            current = baselinePath is null ? RiskCoefficients.Default : RiskModelFile.Read(baselinePath);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InputError;
        }

        var rows = all.Where(r => labelled.ContainsKey(r.AccountId)).ToList();
        var campaign = rows.Select(r => labelled[r.AccountId].Campaign).ToList();
        var positives = campaign.Count(static c => c);
        if (positives == 0 || positives == rows.Count)
        {
            console.Error.WriteLine($"error: {modelInputsPath}: {rows.Count:N0} of its {all.Count:N0} accounts are labelled, {positives:N0} of them campaign accounts; a fit needs both campaign and honest accounts");
            return ExitCodes.InputError;
        }

        var fit = RiskModelFitter.Fit(rows, campaign, l2);
        var review = new DetectionOptions().ReviewRisk;
        var before = RiskModelScore.Of(rows, campaign, current, review);
        var after = RiskModelScore.Of(rows, campaign, fit.Coefficients, review);
        RiskModelCrossValidation.HeldOut? heldOut = null;
        string? notCrossValidated = null;
        var byCampaign = rows.Exists(r => labelled[r.AccountId].Group is not null);
        if (folds > 0)
        {
            var keys = rows.Select(r => labelled[r.AccountId].Group ?? r.AccountId).ToList();
            heldOut = RiskModelCrossValidation.Run(rows, campaign, keys, folds, l2, review, out notCrossValidated);
        }

        var crossValidated = heldOut?.Score;
        Write(console.Ui, fit, current, baselinePath ?? "built-in", new Scores(before, after, crossValidated), rows.Count, all.Count, review);
        if (notCrossValidated is not null)
        {
            console.Ui.MarkupLine(Markup.Escape($"Not cross-validated: {notCrossValidated}."));
        }
        else if (heldOut is not null)
        {
            console.Ui.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
                $"Held out: each account scored by a refit without its fold ({folds} folds, {(byCampaign ? "a campaign's accounts held out together" : "by account: the labels name no campaigns, so the figures flatter a refit on campaigns it has seen")}).")));
            if (byCampaign)
            {
                WritePerCampaign(console.Ui, rows, labelled, heldOut, review);
            }
        }

        if (outPath is not null)
        {
            KeyValuePair<string, string>[] fittedOn =
            [
                new("model_inputs", Path.GetFileName(modelInputsPath)),
                new("labels", Path.GetFileName(truthPath ?? labelsPath!)),
                new("accounts", string.Create(CultureInfo.InvariantCulture, $"{rows.Count} ({positives} campaign, {rows.Count - positives} honest)")),
                new("l2", l2.ToString(CultureInfo.InvariantCulture)),
                new("held_out", crossValidated is { } held
                    ? string.Create(CultureInfo.InvariantCulture, $"{folds} folds{(byCampaign ? " by campaign" : " by account")}: precision {held.Precision:P1}, recall {held.Recall:P1}, {held.HonestFlagged} of {held.Honest} honest accounts flagged, log-loss {held.MeanLogLoss:0.0000}")
                    : notCrossValidated ?? "not run"),
            ];
            try
            {
                using var stream = File.Create(outPath);
                RiskModelFile.Write(stream, fit.Coefficients, fittedOn);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                console.Error.WriteLine($"error: {outPath}: {ex.Message}");
                return ExitCodes.InputError;
            }

            console.Error.WriteLine($"wrote {outPath}: use it with 'scan --risk-model {outPath}' or the gateway's Gateway:Policy:RiskModel, and measure it with 'evaluate' on traffic it was not fitted on");
        }

        return ExitCodes.Success;
    }

    private static void Write(IAnsiConsole ui, RiskModelFit fit, RiskCoefficients current, string currentName, Scores scores, int rows, int all, double review)
    {
        ui.MarkupLine(Markup.Escape(string.Create(CultureInfo.InvariantCulture,
            $"Fitted on {rows:N0} labelled accounts of {all:N0} ({scores.Current.Campaign:N0} campaign, {scores.Current.Honest:N0} honest) in {fit.Iterations} Newton steps.")));
        var coefficients = new Table().Title("Coefficients").AddColumns("coefficient", Markup.Escape(currentName), "fitted");
        for (var i = 0; i < RiskCoefficients.Count; i++)
        {
            coefficients.AddRow(RiskCoefficients.Names[i], Number(current[i]), Number(fit.Coefficients[i]));
        }

        ui.Write(coefficients);
        if (fit.HeldAtZero.Count > 0)
        {
            ui.MarkupLine(Markup.Escape($"Held at 0 (the fit wanted a sign the engine refuses): {string.Join(", ", fit.HeldAtZero)}."));
        }

        var quality = new Table().Title(Markup.Escape(string.Create(CultureInfo.InvariantCulture, $"On these accounts, at the review risk {review:0.##}")))
            .AddColumns("model", "flagged", "precision", "recall", "honest flagged", "riskiest honest", "log-loss");
        quality.AddRow(Row(currentName, scores.Current));
        quality.AddRow(Row("fitted", scores.Fitted));
        if (scores.CrossValidated is { } held)
        {
            quality.AddRow(Row("held out", held));
        }

        ui.Write(quality);
        ui.MarkupLine("Scores on the accounts a model was fitted on flatter it; scan traffic it has not seen with the file and 'evaluate' that.");
    }

    /// <summary>Each named campaign's accounts flagged by a refit that never saw the campaign: which kinds of campaign a refit generalises to.</summary>
    private static void WritePerCampaign(IAnsiConsole ui, List<ModelInputsRow> rows, Dictionary<string, AccountLabel> labelled, RiskModelCrossValidation.HeldOut heldOut, double review)
    {
        var table = new Table().Title("Held out, per campaign").AddColumns("campaign", "accounts", "flagged", "recall");
        var groups = new SortedDictionary<string, (int Accounts, int Flagged)>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            if (labelled[rows[i].AccountId] is { Campaign: true, Group: { } group })
            {
                var (accounts, flagged) = groups.GetValueOrDefault(group);
                groups[group] = (accounts + 1, flagged + (heldOut.Risks[i] >= review ? 1 : 0));
            }
        }

        foreach (var (group, (accounts, flagged)) in groups)
        {
            table.AddRow(
                Markup.Escape(group),
                accounts.ToString("N0", CultureInfo.InvariantCulture),
                flagged.ToString("N0", CultureInfo.InvariantCulture),
                ((double)flagged / accounts).ToString("P1", CultureInfo.InvariantCulture));
        }

        ui.Write(table);
    }

    private static string[] Row(string name, RiskModelScore s) =>
    [
        Markup.Escape(name),
        s.Flagged.ToString("N0", CultureInfo.InvariantCulture),
        s.Precision.ToString("P1", CultureInfo.InvariantCulture),
        s.Recall.ToString("P1", CultureInfo.InvariantCulture),
        string.Create(CultureInfo.InvariantCulture, $"{s.HonestFlagged:N0} of {s.Honest:N0}"),
        s.HighestHonestRisk.ToString("0.000", CultureInfo.InvariantCulture),
        s.MeanLogLoss.ToString("0.0000", CultureInfo.InvariantCulture),
    ];

    private static string Number(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    private sealed record CalibrateRequest(string ModelInputsPath, string? TruthPath, string? LabelsPath, string? OutPath, string? BaselinePath, double L2, int Folds);

    /// <summary>The model the refit would replace, the refit in sample, and the refit on held-out folds (if run).</summary>
    private sealed record Scores(RiskModelScore Current, RiskModelScore Fitted, RiskModelScore? CrossValidated);
}
