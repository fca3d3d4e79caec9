using System.Diagnostics;
using System.Text.RegularExpressions;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>
/// The native build (README, "A native build"; the scan benchmark times it) must do what this JIT build does:
/// trimming and AOT compilation must not change a simulated log, what a scan finds in it, or what is exported and
/// reported from the findings. Runs when <c>DG_NATIVE_CLI</c> names a native binary; <c>.ci/run</c> publishes one
/// wherever a C toolchain can link it.
/// </summary>
public sealed partial class NativeBuildTests : IDisposable
{
    private const string Variable = "DG_NATIVE_CLI";
    private readonly string _root = Directory.CreateTempSubdirectory("dg-native-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task NativeBuild_SimulateScanExportReport_SameOutputAsTheJitBuild()
    {
        var native = Environment.GetEnvironmentVariable(Variable);
        Assert.SkipWhen(string.IsNullOrEmpty(native), $"{Variable} is not set: set it to a native build of distillguard (dotnet publish src/DistillGuard.Cli -c Release -r linux-x64 -p:PublishAot=true) to compare it with this build; .ci/run does");
        Assert.True(File.Exists(native), $"{Variable} names {native}, which does not exist: the native publish failed (.ci/run keeps its output in artifacts/native-publish.log)");

        var nativeDir = Path.Combine(_root, "native");
        var jitDir = Path.Combine(_root, "jit");
        await RunStepsAsync("native", nativeDir, args => RunProcessAsync(native!, args));
        await RunStepsAsync("JIT", jitDir, async args => await CliHarness.RunAsync(args) is var run ? (run.ExitCode, run.Error) : default);

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
                var findings = GeneratedAt().Replace(System.Text.Encoding.UTF8.GetString(fromNative), string.Empty);
                Assert.Contains("\"campaigns\": [", findings, StringComparison.Ordinal);
                Assert.Equal(GeneratedAt().Replace(System.Text.Encoding.UTF8.GetString(fromJit), string.Empty), findings);
            }
            else
            {
                Assert.True(fromNative.AsSpan().SequenceEqual(fromJit), $"{file} differs between the native and the JIT build");
            }
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

    private static async Task<(int Code, string Error)> RunProcessAsync(string executable, string[] args)
    {
        var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        await output;
        return (process.ExitCode, await error);
    }

    [GeneratedRegex("\"generated_at\": \"[^\"]*\"")]
    private static partial Regex GeneratedAt();
}
