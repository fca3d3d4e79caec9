using System.CommandLine;
using DistillGuard.Cli.Infrastructure;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard demo</c>: the main job end to end on an embedded default — simulate the labelled <c>default</c>
/// scenario, scan it (findings + HTML report), and score the findings against the labels. It runs the real verbs
/// one after another, so what the demo shows is exactly what a user gets from each of them.
/// </summary>
internal sealed class DemoCommand : ICliVerb
{
    public Command Build(CliConsole console)
    {
        var output = new Option<string>("--out") { Description = "Folder for the simulated log, findings.json and report.html", DefaultValueFactory = _ => Path.Combine("out", "demo") };
        var seed = new Option<ulong>("--seed") { Description = "Simulator seed", DefaultValueFactory = _ => 1 };
        var scale = new Option<double>("--scale") { Description = "Scale of the default scenario (1 = a few thousand accounts, a few hundred thousand exchanges)", DefaultValueFactory = _ => 1.0 };
        var command = new Command("demo", "Simulate the default labelled scenario, scan it, write the report and score the findings") { output, seed, scale };
        command.SetAction((parse, cancellationToken) => RunAsync(console, parse.GetValue(output)!, parse.GetValue(seed), parse.GetValue(scale), cancellationToken));
        return command;
    }

    private static async Task<int> RunAsync(CliConsole console, string output, ulong seed, double scale, CancellationToken cancellationToken)
    {
        var simDir = Path.Combine(output, "sim");
        var findings = Path.Combine(output, "findings.json");
        var report = Path.Combine(output, "report.html");
        var inputs = Path.Combine(output, "model-inputs.csv");
        var riskModel = Path.Combine(output, "risk-model.json");
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        string[][] steps =
        [
            ["simulate", "--scenario", "default", "--out", simDir, "--gzip", "--seed", seed.ToString(invariant), "--scale", scale.ToString(invariant)],
            ["scan", "--accounts", Path.Combine(simDir, "accounts.jsonl"), "--models", Path.Combine(simDir, "models.jsonl"), "--out", findings, "--report", report, "--model-inputs", inputs, simDir],
            ["evaluate", "--truth", Path.Combine(simDir, "truth.json"), "--findings", findings, "--log", simDir, "--model-inputs", inputs],
            // What a provider does with labels of its own: refit the risk model on them (in-sample figures here).
            ["calibrate", "--model-inputs", inputs, "--truth", Path.Combine(simDir, "truth.json"), "--out", riskModel],
        ];

        foreach (var step in steps)
        {
            await console.Error.WriteLineAsync($"demo: distillguard {string.Join(' ', step)}").ConfigureAwait(false);
            var code = await CliApp.RunAsync(step, console, cancellationToken).ConfigureAwait(false);
            if (code != ExitCodes.Success)
            {
                await console.Error.WriteLineAsync($"demo: '{step[0]}' failed with exit code {code}").ConfigureAwait(false);
                return code;
            }
        }

        await console.Out.WriteLineAsync($"demo: findings in {findings}, report in {report} (open it in a browser), labelled log in {simDir}, refitted risk model in {riskModel}").ConfigureAwait(false);
        return ExitCodes.Success;
    }
}
