namespace DistillGuard.Cli.Tests;

public sealed class CliAppTests
{
    [Fact]
    public async Task RunAsync_UnknownOption_ExitsWithUsageCode()
    {
        var run = await CliHarness.RunAsync("--no-such-option");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--no-such-option", run.Error, StringComparison.Ordinal);
    }
}
