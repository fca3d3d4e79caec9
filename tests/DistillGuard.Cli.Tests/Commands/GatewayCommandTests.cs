using DistillGuard.Cli.Infrastructure;
using DistillGuard.Gateway;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class GatewayCommandTests
{
    [Fact]
    public async Task Gateway_MissingConfigFile_ExitsWithInputErrorNamingIt()
    {
        var path = Path.Combine(Path.GetTempPath(), "dg-no-such-" + Guid.NewGuid().ToString("N") + ".json");

        var run = await CliHarness.RunAsync("gateway", "--config", path);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Contains(path, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Gateway_InvalidConfig_ExitsWithUsageNamingTheSetting()
    {
        var dir = Directory.CreateTempSubdirectory("dg-gw-cli-").FullName;
        var config = Path.Combine(dir, "gateway.json");
        await File.WriteAllTextAsync(config, """
            { "Gateway": { "Urls": ["http://127.0.0.1:0"], "AdminToken": "short", "LogFormat": "xml",
              "Policy": { "ThrottleRisk": 2 },
              "Store": { "Path": "DIR/g.db", "KeyPepper": "pepper-0123456789abcdef" },
              "Log": { "Directory": "DIR/logs" },
              "Upstreams": [ { "Name": "u", "Api": "grpc", "BaseUrl": "http://127.0.0.1:1", "Models": ["m"] } ] } }
            """.Replace("DIR", dir.Replace("\\", "/", StringComparison.Ordinal), StringComparison.Ordinal), TestContext.Current.CancellationToken);

        var run = await CliHarness.RunAsync("gateway", "--config", config);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Contains("gateway.json", run.Error, StringComparison.Ordinal);
        Assert.Contains("AdminToken", run.Error, StringComparison.Ordinal);
        Assert.Contains("'grpc'", run.Error, StringComparison.Ordinal);
        Assert.Contains("LogFormat", run.Error, StringComparison.Ordinal);
        Assert.Contains("error: gateway.json: Gateway:Policy:ThrottleRisk must be between 0 and 1\n", run.Error, StringComparison.Ordinal);
        Assert.All(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries), line => Assert.StartsWith("error: gateway.json: Gateway:", line, StringComparison.Ordinal));
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Gateway_ConfigFileThatDoesNotParse_ExitsWithInputErrorNamingFileLineAndByte()
    {
        var dir = Directory.CreateTempSubdirectory("dg-gw-cli-").FullName;
        var config = Path.Combine(dir, "gateway.json");
        // A comma missing after the token, on the second line: the reader stops at the next quote, byte 36.
        await File.WriteAllTextAsync(config, "{ \"Gateway\": {\n  \"AdminToken\": \"0123456789abcdef\" \"LogFormat\": \"json\" } }\n", TestContext.Current.CancellationToken);

        var run = await CliHarness.RunAsync("gateway", "--config", config);

        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.StartsWith($"error: {config}: line 2, byte 36: ", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("LineNumber", run.Error, StringComparison.Ordinal);
        Directory.Delete(dir, recursive: true);
    }

    [Fact]
    public async Task Gateway_RunInsideAnotherProcess_DoesNotRestartThatProcessForItsGcBudget()
    {
        Assert.SkipWhen(GatewayGcBudget.HasBudget(), "this test process already names a gen0 budget");
        var dir = Directory.CreateTempSubdirectory("dg-gw-cli-").FullName;
        var config = Path.Combine(dir, "gateway.json");
        // Passes the config-file check, so the verb gets to the point where its own process would restart.
        await File.WriteAllTextAsync(config, """{ "Gateway": { "AdminToken": "short" } }""", TestContext.Current.CancellationToken);

        // Run here, the verb is not this process's command: restarting would replace the test host (and end this run).
        var run = await CliHarness.RunAsync("gateway", "--config", config);

        Assert.Equal(ExitCodes.Usage, run.ExitCode);
        Assert.Null(Environment.GetEnvironmentVariable(GatewayGcBudget.Variable));
        Directory.Delete(dir, recursive: true);
    }
}
