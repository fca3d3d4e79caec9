using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DistillGuard.Gateway;
using DistillGuard.Gateway.StandIn;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>
/// The <c>gateway</c> verb as its own process (the way it is deployed): it runs socket completions on the
/// runtime's event threads, and with a 64 MiB gen0 budget, unless the environment says otherwise, and serves
/// requests that way. The runtime starts one event thread per core in that mode and one per 30 cores otherwise,
/// which is what is counted; the budget is what the runtime reports through <c>/metrics</c>.
/// </summary>
public sealed class GatewayProcessTests
{
    [Theory]
    [InlineData(null, 2)]
    [InlineData("0", 1)]
    public async Task GatewayProcess_RunsSocketCompletionsInlineUnlessTheEnvironmentSaysNo_AndProxies(string? environmentValue, int expectedEventThreads)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "counts the runtime's socket threads in /proc (Linux only)");

        // Two cores whatever the machine has, so the two modes start a different number of event threads.
        await RunProxiedRequestAsync(GatewayHost.InlineSocketCompletionsVariable, environmentValue, start => start.Environment["DOTNET_PROCESSOR_COUNT"] = "2", (gateway, status, body, _) =>
        {
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("message", JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
            Assert.Equal(expectedEventThreads, RuntimeThreads.CountNamed($"/proc/{gateway.Id}/task", RuntimeThreads.SocketEventThread));
        });
    }

    [Theory]
    [InlineData(null, 64L << 20)]
    [InlineData("2000000", 32L << 20)]
    [InlineData("0", null)]
    public async Task GatewayProcess_RestartsItselfWithA64MiBGen0BudgetUnlessTheEnvironmentSaysOtherwise(string? environmentValue, long? expectedBudget)
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "the verb restarts itself through execve (Linux only)");

        await RunProxiedRequestAsync(GatewayGcBudget.Variable, environmentValue, static start => start.Environment.Remove(GatewayGcBudget.LegacyVariable), (gateway, status, _, metrics) =>
        {
            // The process started is the one serving: the restart kept its id and its console.
            Assert.Equal(HttpStatusCode.OK, status);
            Assert.False(gateway.HasExited);
            var environment = File.ReadAllText($"/proc/{gateway.Id}/environ").Split('\0');
            Assert.Contains($"{GatewayGcBudget.Variable}={environmentValue ?? GatewayGcBudget.DefaultBudget}", environment);
            var budget = PrometheusText.Value(metrics, "distillguard_gateway_gc_gen0_max_budget_bytes");
            if (expectedBudget is { } expected)
            {
                Assert.Equal(expected, budget);
            }
            else
            {
                // "0" leaves the runtime's own default, which depends on the machine, but is well under 64 MiB.
                Assert.InRange(budget, 1, (64L << 20) - 1);
            }
        });
    }

    [Fact]
    public async Task GatewayProcess_LogFormatJson_EveryConsoleLineIsAJsonEventWithNamedFields()
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var upstream = StandInUpstream.Build(["http://127.0.0.1:0"], new StandInState());
        await upstream.StartAsync(cancellation);
        var dir = Directory.CreateTempSubdirectory("dg-gw-json-").FullName;
        try
        {
            using var gateway = GatewayProcess.Start(GatewayProcess.WriteConfig(dir, upstream.Urls.First()), configure: static start => start.Environment["DISTILLGUARD_Gateway__LogFormat"] = "json");
            var lines = new List<string>();
            try
            {
                var baseUrl = await GatewayProcess.WaitUntilListeningAsync(gateway, cancellation, lines);
                using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
                var (status, _) = await GatewayProcess.SendMessageAsync(client, await GatewayProcess.CreateKeyAsync(client, cancellation), cancellation);
                Assert.Equal(HttpStatusCode.OK, status);
            }
            finally
            {
                await GatewayProcess.StopAsync(gateway);
            }

            Assert.NotEmpty(lines);
            var events = lines.Select(static line => JsonDocument.Parse(line).RootElement).ToList();
            var started = Assert.Single(events, static e => e.GetProperty("EventId").GetInt32() == 1 && e.GetProperty("Category").GetString()!.EndsWith(".GatewayStateLoader", StringComparison.Ordinal));
            Assert.Equal("Information", started.GetProperty("LogLevel").GetString());
            Assert.Equal(Path.Combine(dir, "logs"), started.GetProperty("State").GetProperty("LogDirectory").GetString());
            Assert.Equal(1, started.GetProperty("State").GetProperty("UpstreamCount").GetInt32());
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>
    /// Starts the verb as its own process in front of a stand-in upstream, with <paramref name="variable"/> set to
    /// <paramref name="value"/> (removed when null), sends one proxied request, and hands the process, the answer and
    /// the <c>/metrics</c> text that followed it to <paramref name="check"/>.
    /// </summary>
    private static async Task RunProxiedRequestAsync(string variable, string? value, Action<ProcessStartInfo> configure, Action<Process, HttpStatusCode, string, string> check)
    {
        var cancellation = TestContext.Current.CancellationToken;
        await using var upstream = StandInUpstream.Build(["http://127.0.0.1:0"], new StandInState());
        await upstream.StartAsync(cancellation);
        var dir = Directory.CreateTempSubdirectory("dg-gw-process-").FullName;
        try
        {
            var config = GatewayProcess.WriteConfig(dir, upstream.Urls.First());
            using var gateway = GatewayProcess.Start(config, configure: start =>
            {
                configure(start);
                start.Environment.Remove(variable);
                if (value is not null)
                {
                    start.Environment[variable] = value;
                }
            });
            try
            {
                var baseUrl = await GatewayProcess.WaitUntilListeningAsync(gateway, cancellation);
                using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
                var key = await GatewayProcess.CreateKeyAsync(client, cancellation);

                var (status, body) = await GatewayProcess.SendMessageAsync(client, key, cancellation);
                var metrics = await client.GetStringAsync("/metrics", cancellation);

                check(gateway, status, body, metrics);
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
