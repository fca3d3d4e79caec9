using System.CommandLine;
using DistillGuard.Cli.Infrastructure;

namespace DistillGuard.Cli;

/// <summary>Composes the verbs and runs a command line; usage errors exit with <see cref="ExitCodes.Usage"/>.</summary>
internal static class CliApp
{
    private static ICliVerb[] Verbs() =>
    [
        new Commands.DemoCommand(),
        new Commands.ScanCommand(),
        new Commands.ReportCommand(),
        new Commands.GatewayCommand(),
        new Commands.SimulateCommand(),
        new Commands.ScenariosCommand(),
        new Commands.EvaluateCommand(),
        new Commands.CalibrateCommand(),
        new Commands.ExportCommand(),
        new Commands.EvidenceCommand(),
    ];

    public static async Task<int> RunAsync(string[] args, CliConsole console, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("DistillGuard: find and stop distillation campaigns against an LLM API.");
        foreach (var verb in Verbs())
        {
            root.Subcommands.Add(verb.Build(console));
        }

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var error in parse.Errors)
            {
                await console.Error.WriteLineAsync($"error: {error.Message}").ConfigureAwait(false);
            }

            await console.Error.WriteLineAsync("Run 'distillguard --help' for usage.").ConfigureAwait(false);
            return ExitCodes.Usage;
        }

        var config = new InvocationConfiguration { Output = console.Out, Error = console.Error };
        return await parse.InvokeAsync(config, cancellationToken).ConfigureAwait(false);
    }
}
