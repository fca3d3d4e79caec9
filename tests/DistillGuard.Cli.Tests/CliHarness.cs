namespace DistillGuard.Cli.Tests;

/// <summary>Runs the CLI in-process with captured output.</summary>
internal static class CliHarness
{
    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApp.RunAsync(args, new CliConsole(output, error, interactive: false), TestContext.Current.CancellationToken);
        return new CliRun(code, output.ToString(), error.ToString());
    }
}

internal sealed record CliRun(int ExitCode, string Output, string Error);
