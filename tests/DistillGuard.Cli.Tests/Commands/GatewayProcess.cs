using System.Diagnostics;
using System.Net.Http.Headers;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>Runs the <c>gateway</c> verb as its own process, the way it is deployed, and talks to it.</summary>
internal static class GatewayProcess
{
    public const string AdminToken = "process-admin-token-0123456789";

    /// <summary>A one-request body for the model <c>m-1</c> that <see cref="WriteConfig"/> routes.</summary>
    public const string MessagesBody = """{"model":"m-1","max_tokens":64,"messages":[{"role":"user","content":"Say hello."}]}""";

    /// <summary>Writes a config with a store and log folder in <paramref name="dir"/> and one Anthropic upstream serving <c>m-1</c>.</summary>
    public static string WriteConfig(string dir, string upstreamUrl, string policy = "{}")
    {
        var config = Path.Combine(dir, "gateway.json");
        File.WriteAllText(config, $$"""
            { "Gateway": { "Urls": ["http://127.0.0.1:0"], "AdminToken": "{{AdminToken}}",
              "Store": { "Path": "{{dir}}/g.db", "KeyPepper": "pepper-0123456789abcdef" },
              "Log": { "Directory": "{{dir}}/logs" },
              "Policy": {{policy}},
              "Upstreams": [ { "Name": "standin", "Api": "anthropic.messages", "BaseUrl": "{{upstreamUrl}}", "Models": ["m-1"] } ] } }
            """);
        return config;
    }

    /// <summary>Starts <c>gateway --config</c>: this build through <c>dotnet</c>, or the native binary given.</summary>
    public static Process Start(string config, string? nativeExecutable = null, Action<ProcessStartInfo>? configure = null)
    {
        var start = StartInfo(config, nativeExecutable);
        configure?.Invoke(start);
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the gateway process");
        process.BeginErrorReadLine();
        return process;
    }

    /// <summary><c>gateway --config</c> with both output streams redirected, for a caller that reads them itself.</summary>
    public static ProcessStartInfo StartInfo(string config, string? nativeExecutable = null)
    {
        var start = new ProcessStartInfo(nativeExecutable ?? Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (nativeExecutable is null)
        {
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "distillguard.dll"));
        }

        start.ArgumentList.Add("gateway");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(config);
        return start;
    }

    /// <summary>
    /// Reads the gateway's console (text or JSON lines, adding each to <paramref name="lines"/> when given) until the
    /// host has started; returns the address it listens on.
    /// </summary>
    public static async Task<string> WaitUntilListeningAsync(Process gateway, CancellationToken cancellationToken, List<string>? lines = null)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        string? url = null;
        while (await gateway.StandardOutput.ReadLineAsync(timeout.Token) is { } line)
        {
            lines?.Add(line);
            const string Listening = "Now listening on: ";
            var at = line.IndexOf(Listening, StringComparison.Ordinal);
            if (at >= 0)
            {
                url = line.StartsWith('{')
                    ? JsonDocument.Parse(line).RootElement.GetProperty("State").GetProperty("address").GetString()
                    : line[(at + Listening.Length)..].Trim();
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

    public static async Task<string> CreateKeyAsync(HttpClient client, CancellationToken cancellationToken)
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

    /// <summary>Sends <see cref="MessagesBody"/> with <paramref name="key"/>; returns the status and the response body.</summary>
    public static async Task<(System.Net.HttpStatusCode Status, string Body)> SendMessageAsync(HttpClient client, string key, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/v1/messages")
        {
            Content = new StringContent(MessagesBody, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("x-api-key", key);
        using var response = await client.SendAsync(request, cancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(cancellationToken));
    }

    /// <summary>Sends the process a POSIX signal (Linux numbering: 1 SIGHUP, 15 SIGTERM); returns kill(2)'s result.</summary>
    public static int Signal(Process gateway, int signal) => Kill(gateway.Id, signal);

    /// <summary>Stops the process and waits for it.</summary>
    public static async Task StopAsync(Process gateway)
    {
        gateway.Kill(entireProcessTree: true);
        await gateway.WaitForExitAsync(CancellationToken.None);
    }

    // DllImport rather than LibraryImport: no unsafe code for two ints (as FreshPages in Core).
    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Kill(int pid, int signal);

    private static async Task DrainAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync(CancellationToken.None) is not null)
        {
        }
    }
}
