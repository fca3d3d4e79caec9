using System.Net;
using System.Text.Json;
using DistillGuard.Gateway;
using DistillGuard.Gateway.StandIn;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>
/// The <c>gateway</c> verb as its own process (the way it is deployed): it runs socket completions on the
/// runtime's event threads unless the environment says otherwise, and serves requests that way. The runtime
/// starts one event thread per core in that mode and one per 30 cores otherwise, which is what is counted.
/// </summary>
public sealed class GatewayProcessTests
{
    [Theory]
    [InlineData(null, 2)]
    [InlineData("0", 1)]
    public async Task GatewayProcess_RunsSocketCompletionsInlineUnlessTheEnvironmentSaysNo_AndProxies(string? environmentValue, int expectedEventThreads)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "counts the runtime's socket threads in /proc (Linux only)");
        var cancellation = TestContext.Current.CancellationToken;
        await using var upstream = StandInUpstream.Build(["http://127.0.0.1:0"], new StandInState());
        await upstream.StartAsync(cancellation);
        var dir = Directory.CreateTempSubdirectory("dg-gw-process-").FullName;
        try
        {
            var config = GatewayProcess.WriteConfig(dir, upstream.Urls.First());
            using var gateway = GatewayProcess.Start(config, configure: start =>
            {
                // Two cores whatever the machine has, so the two modes start a different number of event threads.
                start.Environment["DOTNET_PROCESSOR_COUNT"] = "2";
                start.Environment.Remove(GatewayHost.InlineSocketCompletionsVariable);
                if (environmentValue is not null)
                {
                    start.Environment[GatewayHost.InlineSocketCompletionsVariable] = environmentValue;
                }
            });
            try
            {
                var baseUrl = await GatewayProcess.WaitUntilListeningAsync(gateway, cancellation);
                using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
                var key = await GatewayProcess.CreateKeyAsync(client, cancellation);

                var (status, body) = await GatewayProcess.SendMessageAsync(client, key, cancellation);

                Assert.Equal(HttpStatusCode.OK, status);
                Assert.Equal("message", JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
                Assert.Equal(expectedEventThreads, RuntimeThreads.CountNamed($"/proc/{gateway.Id}/task", RuntimeThreads.SocketEventThread));
            }
            finally
            {
                await GatewayProcess.StopAsync(gateway);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
