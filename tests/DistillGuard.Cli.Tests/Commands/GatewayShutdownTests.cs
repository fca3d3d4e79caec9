using System.Net;
using DistillGuard.Gateway.StandIn;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>
/// The <c>gateway</c> verb stopped the way a service manager or Kubernetes stops it — SIGTERM while clients are still
/// sending — must finish what it accepted, log every exchange it answered, and exit 0.
/// </summary>
public sealed class GatewayShutdownTests
{
    private const int Sigterm = 15;
    private const int Senders = 4;
    private const int AnsweredBeforeTheSignal = 60;

    [Fact]
    public async Task GatewayProcess_SigtermUnderLoad_EveryAnsweredExchangeLoggedAndExitZero()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "sends the process a POSIX signal");
        var ct = TestContext.Current.CancellationToken;
        await using var upstream = StandInUpstream.Build(["http://127.0.0.1:0"], new StandInState { RecordRequests = false });
        await upstream.StartAsync(ct);
        var dir = Directory.CreateTempSubdirectory("dg-gw-sigterm-").FullName;
        try
        {
            // No timed flushes: what reaches the file after the last buffer-full write is the shutdown's doing alone.
            var config = GatewayProcess.WriteConfig(dir, upstream.Urls.First());
            File.WriteAllText(config, File.ReadAllText(config).Replace("/logs\"", "/logs\", \"FlushInterval\": \"00:10:00\"", StringComparison.Ordinal));
            using var gateway = GatewayProcess.Start(config);
            var baseUrl = await GatewayProcess.WaitUntilListeningAsync(gateway, ct);
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
            var key = await GatewayProcess.CreateKeyAsync(client, ct);

            var answered = 0;
            var enoughAnswered = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var senders = Enumerable.Range(0, Senders).Select(_ => Task.Run(async () =>
            {
                // Until the gateway stops answering: then the connection is refused or closed, or it answers 503.
                while (true)
                {
                    try
                    {
                        var (status, _) = await GatewayProcess.SendMessageAsync(client, key, ct);
                        if (status != HttpStatusCode.OK)
                        {
                            return;
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }

                    if (Interlocked.Increment(ref answered) == AnsweredBeforeTheSignal)
                    {
                        enoughAnswered.SetResult();
                    }
                }
            }, ct)).ToArray();
            await enoughAnswered.Task.WaitAsync(ct);

            Assert.Equal(0, GatewayProcess.Signal(gateway, Sigterm));
            await Task.WhenAll(senders);
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct))
            {
                timeout.CancelAfter(TimeSpan.FromSeconds(60));
                await gateway.WaitForExitAsync(timeout.Token);
            }

            Assert.Equal(0, gateway.ExitCode);
            var logged = Directory.GetFiles(Path.Combine(dir, "logs"), "exchanges-*.jsonl")
                .SelectMany(File.ReadLines)
                .Count(static line => line.Length > 0);
            Assert.True(answered >= AnsweredBeforeTheSignal, $"{answered} answered");
            Assert.Equal(Volatile.Read(ref answered), logged);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
