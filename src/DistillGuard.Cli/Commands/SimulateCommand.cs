using System.CommandLine;
using System.Diagnostics;
using DistillGuard.Cli.Infrastructure;
using DistillGuard.Simulation;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Scenarios;
using Spectre.Console;

namespace DistillGuard.Cli.Commands;

/// <summary><c>distillguard simulate</c>: writes a labelled scenario (exchange log, accounts, models, truth).</summary>
internal sealed class SimulateCommand : ICliVerb
{
    public Command Build(CliConsole console)
    {
        var scenario = new Option<string>("--scenario") { Description = $"Scenario name ({string.Join(", ", ScenarioCatalog.Names)}); see 'distillguard scenarios'", Required = true };
        var output = new Option<string>("--out") { Description = "Folder to write exchanges-*.jsonl, accounts.jsonl, models.jsonl and truth.json into", Required = true };
        var seed = new Option<ulong>("--seed") { Description = "Random seed (operator infrastructure does not depend on it)", DefaultValueFactory = _ => 1 };
        var scale = new Option<double>("--scale") { Description = "Multiply account counts (e.g. 0.1 for a tenth)", DefaultValueFactory = _ => 1.0 };
        var days = new Option<double?>("--days") { Description = "Shorten or lengthen the scenario to this many days" };
        var gzip = new Option<bool>("--gzip") { Description = "Write exchanges-*.jsonl.gz" };
        var data = new Option<string?>("--data") { Description = "Folder of real prompts (default: ../shared/data next to the repository)" };
        var command = new Command("simulate", "Generate a labelled traffic scenario: honest archetypes and distillation campaigns") { scenario, output, seed, scale, days, gzip, data };
        command.SetAction(parse => Run(console, parse.GetValue(scenario)!, parse.GetValue(output)!, parse.GetValue(seed), parse.GetValue(scale), parse.GetValue(days), parse.GetValue(gzip), parse.GetValue(data)));
        return command;
    }

    private static int Run(CliConsole console, string scenario, string output, ulong seed, double scale, double? days, bool gzip, string? data)
    {
        if (!ScenarioCatalog.Names.Contains(scenario))
        {
            console.Error.WriteLine($"error: --scenario: unknown scenario '{scenario}' (known: {string.Join(", ", ScenarioCatalog.Names)})");
            return ExitCodes.Usage;
        }

        var options = new SimulationOptions { Seed = seed, Scale = scale, Days = days, DataDirectory = data };
        try
        {
            options.Validate();
        }
        catch (ArgumentException ex)
        {
            console.Error.WriteLine($"error: --{ex.ParamName?.ToLowerInvariant()}: {ex.Message}");
            return ExitCodes.Usage;
        }

        if (data is not null && !Directory.Exists(data))
        {
            console.Error.WriteLine($"error: --data: folder '{data}' does not exist");
            return ExitCodes.InputError;
        }

        var watch = Stopwatch.StartNew();
        var run = ScenarioRun.Create(scenario, options);
        console.Error.WriteLine($"simulate: {scenario}, seed {seed}, scale {scale}, {run.Start:yyyy-MM-dd} – {run.End:yyyy-MM-dd}, {run.Accounts.Count:N0} accounts, prompts: {(run.PromptDataSource is null ? "built-in generators only (shared/data not found)" : "built-in + " + run.PromptDataSource)}");
        DistillGuard.Simulation.Truth.TruthDocument truth;
        if (console.Interactive)
        {
            truth = null!;
            console.ErrorUi.Progress().Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn()).Start(ctx =>
            {
                var task = ctx.AddTask("generating", maxValue: 1.0);
                truth = ScenarioWriter.Write(run, output, gzip, new InlineProgress(p =>
                {
                    task.Value = p.Fraction;
                    task.Description = $"{p.Exchanges:N0} exchanges, {p.LogTime:yyyy-MM-dd HH:mm}";
                }));
            });
        }
        else
        {
            truth = ScenarioWriter.Write(run, output, gzip, new InlineProgress(p => console.Error.WriteLine($"  {p.Exchanges:N0} exchanges, log time {p.LogTime:yyyy-MM-dd HH:mm}, {p.Bytes / 1e6:N0} MB")));
        }

        var seconds = watch.Elapsed.TotalSeconds;
        console.Error.WriteLine($"simulate: wrote {truth.Exchanges:N0} exchanges for {truth.Accounts.Count:N0} accounts ({truth.Campaigns.Sum(c => c.Accounts):N0} in {truth.Campaigns.Count} campaigns) to {output} in {seconds:N1} s ({truth.Exchanges / Math.Max(seconds, 1e-3):N0} exchanges/s)");
        return ExitCodes.Success;
    }

    /// <summary>Reports synchronously on the generating thread (Progress&lt;T&gt; would post to the thread pool, out of order).</summary>
    private sealed class InlineProgress(Action<SimulationProgress> report) : IProgress<SimulationProgress>
    {
        public void Report(SimulationProgress value) => report(value);
    }
}
