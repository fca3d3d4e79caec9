using System.Diagnostics;
using DistillGuard.Cli.Infrastructure;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>What an operator sees when the gateway, started as its own process, refuses its configuration.</summary>
public sealed class GatewayConfigErrorProcessTests
{
    [Fact]
    public async Task GatewayProcess_OutOfRangeSetting_NamesItByKeyWithoutTheHostsStackTrace()
    {
        var dir = Directory.CreateTempSubdirectory("dg-gw-config-").FullName;
        try
        {
            var config = GatewayProcess.WriteConfig(dir, "http://127.0.0.1:1", policy: """{ "ThrottleRisk": 2 }""");
            using var gateway = Process.Start(GatewayProcess.StartInfo(config))!;
            var output = gateway.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
            var error = await gateway.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
            await gateway.WaitForExitAsync(TestContext.Current.CancellationToken);

            Assert.Equal(ExitCodes.Usage, gateway.ExitCode);
            Assert.Contains("error: gateway.json: Gateway:Policy:ThrottleRisk must be between 0 and 1", error, StringComparison.Ordinal);
            // The host's own start-up failure log (an exception with its stack) no longer comes first.
            Assert.DoesNotContain("Hosting failed to start", await output + error, StringComparison.Ordinal);
            Assert.DoesNotContain("   at ", await output + error, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
