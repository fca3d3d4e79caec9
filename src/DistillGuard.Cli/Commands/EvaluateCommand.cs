using System.CommandLine;
using DistillGuard.Cli.Infrastructure;
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
        var command = new Command("evaluate", "Score findings against a simulated scenario's labels (precision, recall, FPs per archetype, time to detect, leakage)")
        {
            truth, findings, log, quota, json,
        };
        command.SetAction(parse => Run(console, parse.GetValue(truth)!, parse.GetValue(findings)!, parse.GetValue(log), parse.GetValue(quota), parse.GetValue(json)));
        return command;
    }

    private static int Run(CliConsole console, string truthPath, string findingsPath, string? logPath, int quota, bool json)
    {
        if (quota < 1)
        {
            console.Error.WriteLine("error: --quota: must be at least 1");
            return ExitCodes.Usage;
        }

        TruthDocument truth;
        FindingsDocument findings;
        LogEntryReader? reader = null;
        try
        {
            truth = TruthSerializer.ReadFile(truthPath);
            findings = FindingsSerializer.ReadFile(findingsPath);
            if (logPath is not null)
            {
                reader = new LogEntryReader([logPath]);
            }
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InputError;
        }

        var report = Evaluator.Evaluate(truth, findings, reader?.Read(), new EvaluationOptions { DailyQuota = quota });
        if (reader is { BadRecords: > 0 })
        {
            console.Error.WriteLine($"evaluate: skipped {reader.BadRecords:N0} bad log records:");
            foreach (var problem in reader.Problems)
            {
                console.Error.WriteLine("  " + problem);
            }
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
