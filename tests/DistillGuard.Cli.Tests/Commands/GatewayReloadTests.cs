using System.Net;
using DistillGuard.Gateway.StandIn;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>
/// SIGHUP to the <c>gateway</c> verb's process reloads its config file, as for nginx, instead of ending it (the
/// signal's default action): a country added to the deny-list is turned away from the next request on.
/// </summary>
public sealed class GatewayReloadTests
{
    private const int Sighup = 1;
    private const int Sigterm = 15;

    [Fact]
    public async Task GatewayProcess_ConfigEditedThenSighup_NewDenyListInForceAndProcessStillServing()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "sends the process a POSIX signal");
        var ct = TestContext.Current.CancellationToken;
        await using var upstream = StandInUpstream.Build(["http://127.0.0.1:0"], new StandInState { RecordRequests = false });
        await upstream.StartAsync(ct);
        var dir = Directory.CreateTempSubdirectory("dg-gw-sighup-").FullName;
        try
        {
            var config = GatewayProcess.WriteConfig(dir, upstream.Urls.First());
            var original = File.ReadAllText(config);
            // The client connects from 127.0.0.1, which the IP table places in "ZZ".
            const string IpTable = "\"IpTable\": [ { \"Cidr\": \"127.0.0.1/32\", \"Country\": \"ZZ\" } ]";
            File.WriteAllText(config, original.Replace("\"Policy\"", $"\"Region\": {{ {IpTable} }}, \"Policy\"", StringComparison.Ordinal));
            using var gateway = GatewayProcess.Start(config);
            var baseUrl = await GatewayProcess.WaitUntilListeningAsync(gateway, ct);
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
            var key = await GatewayProcess.CreateKeyAsync(client, ct);
            var (before, _) = await GatewayProcess.SendMessageAsync(client, key, ct);

            File.WriteAllText(config, original.Replace("\"Policy\"", $"\"Region\": {{ \"DenyCountries\": [\"ZZ\"], {IpTable} }}, \"Policy\"", StringComparison.Ordinal));
            Assert.Equal(0, GatewayProcess.Signal(gateway, Sighup));
            await WaitForReloadAsync(client, ct);
            var (after, body) = await GatewayProcess.SendMessageAsync(client, key, ct);

            Assert.Equal(HttpStatusCode.OK, before);
            Assert.Equal(HttpStatusCode.Forbidden, after);
            Assert.Contains("requests from ZZ are not served", body, StringComparison.Ordinal);
            Assert.False(gateway.HasExited, "SIGHUP must not end the gateway");
            Assert.Equal(0, GatewayProcess.Signal(gateway, Sigterm));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(60));
            await gateway.WaitForExitAsync(timeout.Token);
            Assert.Equal(0, gateway.ExitCode);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>Asks <c>/metrics</c> until the gateway counts the reload as applied (the signal is handled off-thread).</summary>
    private static async Task WaitForReloadAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (true)
        {
            var metrics = await client.GetStringAsync("/metrics", timeout.Token);
            Assert.DoesNotContain("distillguard_gateway_config_reloads_total{result=\"rejected\"} 1", metrics, StringComparison.Ordinal);
            if (metrics.Contains("distillguard_gateway_config_reloads_total{result=\"applied\"} 1\n", StringComparison.Ordinal))
            {
                return;
            }
        }
    }
}
