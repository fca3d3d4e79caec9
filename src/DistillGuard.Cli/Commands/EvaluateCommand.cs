using System.CommandLine;
using DistillGuard.Cli.Infrastructure;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Evaluation;
using DistillGuard.Simulation.Truth;

namespace DistillGuard.Cli.Commands;

/// <summary><c>distillguard evaluate</c>: scores a findings file against a simulated scenario's truth.</summary>
internal sealed class EvaluateCommand : ICliVerb
{
    public Command Build(CliConsole console)
    {
        var truth = new Option<string>("--truth") { Description = "truth.json written by 'simulate'", Required = true };
        var findings = new Option<string>("--findings") { Description = "findings.json written by 'scan'", Required = true };
        var log = new Option<string?>("--log") { Description = "The scenario's exchange log (folder or files): adds leakage and the daily-quota baseline" };
        var quota = new Option<int>("--quota") { Description = "Exchanges per account per UTC day the baseline allows", DefaultValueFactory = _ => new EvaluationOptions().DailyQuota };
        var json = new Option<bool>("--json") { Description = "Write the report as JSON to standard output" };
        var modelInputs = new Option<string?>("--model-inputs") { Description = "The CSV 'scan --model-inputs' wrote: adds how close honest accounts came to review" };
        var command = new Command("evaluate", "Score findings against a simulated scenario's labels (precision, recall, FPs per archetype, time to detect, leakage)")
        {
            truth, findings, log, modelInputs, quota, json,
        };
        command.SetAction(parse => Run(console, parse.GetValue(truth)!, parse.GetValue(findings)!, parse.GetValue(log), parse.GetValue(modelInputs), parse.GetValue(quota), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string truthPath, string findingsPath, string? logPath, string? modelInputsPath, int quota, bool json)
    {
        if (quota < 1)
        {
            console.Error.WriteLine("error: --quota: must be at least 1");
            return ExitCodes.Usage;
        }

        TruthDocument truth;
        FindingsDocument findings;
        List<AccountRisk>? risks = null;
        DistillGuard.Core.Log.MergedExchangeReader? reader = null;
        try
        {
            truth = TruthSerializer.ReadFile(truthPath);
            findings = FindingsSerializer.ReadFile(findingsPath);
            if (modelInputsPath is not null)
            {
                risks = ModelInputsReader.ReadFile(modelInputsPath);
            }

            if (logPath is not null)
            {
                reader = EvaluationLog.Open(logPath);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InputError;
        }

        EvaluationReport report;
        using (reader)
        {
            try
            {
                report = Evaluator.Evaluate(truth, findings, reader is null ? null : EvaluationLog.Entries(reader), new EvaluationOptions { DailyQuota = quota });
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException)
            {
                console.Error.WriteLine($"error: --log: {ex.Message}");
                return ExitCodes.InputError;
            }

            if (reader is { BadRecords.Total: > 0 })
            {
                console.Error.WriteLine($"evaluate: skipped {reader.BadRecords.Total:N0} bad log records, for example:");
                foreach (var problem in reader.BadRecords.Samples)
                {
                    console.Error.WriteLine("  " + problem);
                }
            }
        }

        if (risks is not null)
        {
            var known = truth.Accounts.Select(static a => a.AccountId).ToHashSet(StringComparer.Ordinal);
            if (risks.Count > 0 && !risks.Exists(r => known.Contains(r.AccountId)))
            {
                // A file from another scan would give an empty table that looks like "no honest account at risk".
                console.Error.WriteLine($"error: {modelInputsPath}: none of its {risks.Count:N0} accounts is in {truthPath}; was it written by a scan of this scenario?");
                return ExitCodes.InputError;
            }

            report.HonestExposure = ExposureScorer.Score(truth, risks, new DetectionOptions().ReviewRisk);
        }

        if (json)
        {
            console.Out.WriteLine(EvaluationSerializer.ToJson(report));
        }
        else
        {
            EvaluationTables.Write(console.Ui, report);
        }

        return ExitCodes.Success;
    }
}
