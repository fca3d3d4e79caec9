using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
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
    private const string AdminToken = "process-admin-token-0123456789";

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
            var config = Path.Combine(dir, "gateway.json");
            await File.WriteAllTextAsync(config, $$"""
                { "Gateway": { "Urls": ["http://127.0.0.1:0"], "AdminToken": "{{AdminToken}}",
                  "Store": { "Path": "{{dir}}/g.db", "KeyPepper": "pepper-0123456789abcdef" },
                  "Log": { "Directory": "{{dir}}/logs" },
                  "Upstreams": [ { "Name": "standin", "Api": "anthropic.messages", "BaseUrl": "{{upstream.Urls.First()}}", "Models": ["m-1"] } ] } }
                """, cancellation);

            using var gateway = StartGateway(config, environmentValue);
            try
            {
                var baseUrl = await WaitUntilListeningAsync(gateway, cancellation);
                using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
                var key = await CreateKeyAsync(client, cancellation);

                using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
                {
                    Content = new StringContent("""{"model":"m-1","max_tokens":64,"messages":[{"role":"user","content":"Say hello."}]}""", Encoding.UTF8, "application/json"),
                };
                request.Headers.Add("x-api-key", key);
                using var response = await client.SendAsync(request, cancellation);
                var body = await response.Content.ReadAsStringAsync(cancellation);

                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("message", JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
                Assert.Equal(expectedEventThreads, RuntimeThreads.CountNamed($"/proc/{gateway.Id}/task", RuntimeThreads.SocketEventThread));
            }
            finally
            {
                gateway.Kill(entireProcessTree: true);
                await gateway.WaitForExitAsync(CancellationToken.None);
            }
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static Process StartGateway(string config, string? inlineCompletions)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "distillguard.dll"));
        start.ArgumentList.Add("gateway");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);

        // Two cores whatever the machine has, so the two modes start a different number of event threads.
        start.Environment["DOTNET_PROCESSOR_COUNT"] = "2";
        start.Environment.Remove(GatewayHost.InlineSocketCompletionsVariable);
        if (inlineCompletions is not null)
        {
            start.Environment[GatewayHost.InlineSocketCompletionsVariable] = inlineCompletions;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the gateway process");
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary>Reads the gateway's console until the host has started; returns the address it listens on.</summary>
    private static async Task<string> WaitUntilListeningAsync(Process gateway, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        string? url = null;
        while (await gateway.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            const string Listening = "Now listening on: ";
            var at = line.IndexOf(Listening, StringComparison.Ordinal);
            if (at >= 0)
            {
                url = line[(at + Listening.Length)..].Trim();
            }

            if (line.Contains("Application started", StringComparison.Ordinal))
            {
                // Keep draining the console so the gateway never blocks on a full pipe.
                _ = DrainAsync(gateway.StandardOutput);
                return url ?? throw new InvalidOperationException("the gateway started without saying where it listens");
            }
        }

        throw new InvalidOperationException($"the gateway exited before it started (exit code {(gateway.HasExited ? gateway.ExitCode : -1)})");
    }

    private static async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync(CancellationToken.None) is not null)
        {
        }
    }

    private static async Task<string> CreateKeyAsync(HttpClient client, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/admin/keys")
        {
            Content = new StringContent("""{"account_id":"acct_process"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminToken);
        using var response = await client.SendAsync(request, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        return body.RootElement.GetProperty("api_key").GetString()!;
    }
}
