using System.Diagnostics;
using System.Net;
using System.Text.Json;
using DistillGuard.Core.Findings;
using DistillGuard.Gateway;
using DistillGuard.Gateway.StandIn;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>
/// The native build (README, "A native build"; the scan benchmark times it) must do what this JIT build does:
/// trimming and AOT compilation must not change a simulated log, what a scan finds in it, or what is exported and
/// reported from the findings, nor how the gateway binds and validates its config and serves a request. Runs when <c>DG_NATIVE_CLI</c> names a native binary; <c>.ci/run</c> publishes one
/// wherever a C toolchain can link it.
/// </summary>
public sealed class NativeBuildTests : IDisposable
{
    private const string Variable = "DG_NATIVE_CLI";
    private readonly string _root = Directory.CreateTempSubdirectory("dg-native-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task NativeBuild_SimulateScanExportReport_SameOutputAsTheJitBuild()
    {
        var native = NativeExecutable();

        var nativeDir = Path.Combine(_root, "native");
        var jitDir = Path.Combine(_root, "jit");
        await RunStepsAsync("native", nativeDir, args => RunProcessAsync(native, args));
        await RunStepsAsync("JIT", jitDir, async args =>
        {
            var run = await CliHarness.RunAsync(args);
            return (run.ExitCode, run.Error);
        });

        var files = Directory.GetFiles(nativeDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Directory.GetFiles(jitDir).Select(Path.GetFileName).Order(StringComparer.Ordinal), files);
        Assert.Contains("findings.json", files);
        Assert.Contains(files, f => f!.EndsWith(".jsonl.gz", StringComparison.Ordinal));
        foreach (var file in files)
        {
            var fromNative = await File.ReadAllBytesAsync(Path.Combine(nativeDir, file!), TestContext.Current.CancellationToken);
            var fromJit = await File.ReadAllBytesAsync(Path.Combine(jitDir, file!), TestContext.Current.CancellationToken);
            if (file == "findings.json")
            {
                var findings = ScanCommandTests.GeneratedAt().Replace(System.Text.Encoding.UTF8.GetString(fromNative), string.Empty);
                Assert.Contains("\"campaigns\": [", findings, StringComparison.Ordinal);
                Assert.Equal(ScanCommandTests.GeneratedAt().Replace(System.Text.Encoding.UTF8.GetString(fromJit), string.Empty), findings);
            }
            else if (file == "report.html")
            {
                // The report names its findings' generated_at to the minute, and the two runs may straddle one.
                var report = WithoutGeneratedTime(nativeDir, fromNative);
                Assert.Contains("Generated (time)", report, StringComparison.Ordinal);
                Assert.True(report == WithoutGeneratedTime(jitDir, fromJit), "report.html differs between the native and the JIT build");
            }
            else
            {
                Assert.True(fromNative.AsSpan().SequenceEqual(fromJit), $"{file} differs between the native and the JIT build");
            }
        }
    }

    private static string WithoutGeneratedTime(string dir, byte[] report)
    {
        var generatedAt = FindingsSerializer.ReadFile(Path.Combine(dir, "findings.json")).GeneratedAt;
        var shown = generatedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'", System.Globalization.CultureInfo.InvariantCulture);
        return System.Text.Encoding.UTF8.GetString(report).Replace("Generated " + shown, "Generated (time)", StringComparison.Ordinal)
            .Replace("scan report · " + shown, "scan report · (time)", StringComparison.Ordinal);
    }

    [Fact]
    public async Task NativeBuild_Gateway_StartsWithItsConfigAuthenticatesAndProxies()
    {
        var native = NativeExecutable();
        var cancellation = TestContext.Current.CancellationToken;
        await using var upstream = StandInUpstream.Build(["http://127.0.0.1:0"], new StandInState());
        await upstream.StartAsync(cancellation);
        var invalid = GatewayProcess.WriteConfig(Directory.CreateDirectory(Path.Combine(_root, "invalid")).FullName, upstream.Urls.First(), policy: """{ "ReorderTolerance": "01:00:00" }""");
        var (code, error) = await RunProcessAsync(native, ["gateway", "--config", invalid]);
        Assert.NotEqual(0, code);
        Assert.Contains("Gateway:Policy:ReorderTolerance must be at least 00:00:00 and under the engine's tick", error, StringComparison.Ordinal);

        var config = GatewayProcess.WriteConfig(_root, upstream.Urls.First(), policy: """{ "ReorderTolerance": "00:00:30" }""");
        using var gateway = GatewayProcess.Start(config, native, static start => start.Environment.Remove(GatewayGcBudget.Variable));
        try
        {
            var baseUrl = await GatewayProcess.WaitUntilListeningAsync(gateway, cancellation);
            using var client = new HttpClient { BaseAddress = new Uri(baseUrl) };
            var key = await GatewayProcess.CreateKeyAsync(client, cancellation);

            var (status, body) = await GatewayProcess.SendMessageAsync(client, key, cancellation);
            var (unauthenticated, _) = await GatewayProcess.SendMessageAsync(client, "sk-not-a-key", cancellation);
            var metrics = await client.GetStringAsync("/metrics", cancellation);

            Assert.Equal(HttpStatusCode.OK, status);
            Assert.Equal("message", JsonDocument.Parse(body).RootElement.GetProperty("type").GetString());
            Assert.Equal(HttpStatusCode.Unauthorized, unauthenticated);
            if (OperatingSystem.IsLinux())
            {
                // The native runtime takes the verb's gen0 budget too (it reads the value only as bare hexadecimal).
                Assert.Equal(64L << 20, PrometheusText.Value(metrics, "distillguard_gateway_gc_gen0_max_budget_bytes"));
            }
        }
        finally
        {
            await GatewayProcess.StopAsync(gateway);
        }
    }

    /// <summary>Simulates a small scenario into <paramref name="dir"/>, scans it, and exports and reports the findings.</summary>
    private static async Task RunStepsAsync(string build, string dir, Func<string[], Task<(int Code, string Error)>> run)
    {
        var findings = Path.Combine(dir, "findings.json");
        string[][] steps =
        [
            ["simulate", "--scenario", "default", "--out", dir, "--scale", "0.02", "--days", "3", "--seed", "4", "--gzip"],
            ["scan", "--accounts", Path.Combine(dir, "accounts.jsonl"), "--models", Path.Combine(dir, "models.jsonl"), "--out", findings, dir],
            ["export", "stix", findings, "-o", Path.Combine(dir, "bundle.json")],
            ["report", findings, "-o", Path.Combine(dir, "report.html")],
        ];
        foreach (var step in steps)
        {
            var (code, error) = await run(step);
            Assert.True(code == 0, $"{build} `{step[0]}` exited {code}: {error}");
        }
    }

    /// <summary>The native binary <c>DG_NATIVE_CLI</c> names; skips the test when it names none.</summary>
    private static string NativeExecutable()
    {
        var native = Environment.GetEnvironmentVariable(Variable);
        Assert.SkipWhen(string.IsNullOrEmpty(native), $"{Variable} is not set: set it to a native build of distillguard (dotnet publish src/DistillGuard.Cli -c Release -r linux-x64 -p:PublishAot=true) to compare it with this build; .ci/run does");
        Assert.True(File.Exists(native), $"{Variable} names {native}, which does not exist: the native publish failed (.ci/run keeps its output in artifacts/native-publish.log)");
        return native;
    }

    private static async Task<(int Code, string Error)> RunProcessAsync(string executable, string[] args)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
        var error = process.StandardError.ReadToEndAsync(CancellationToken.None);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromMinutes(2));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // A verb that should have ended (a gateway that should have refused its config) must not hang the run.
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None);
            return (-1, $"still running after 2 minutes, stopped: {await error}");
        }

        await output;
        return (process.ExitCode, await error);
    }
}
