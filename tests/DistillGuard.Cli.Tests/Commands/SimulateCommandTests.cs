using System.Text.Json;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class SimulateCommandTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dg-simcli-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Simulate_TinyDefault_WritesLogAccountsModelsAndTruth()
    {
        var dir = Path.Combine(_root, "out");

        var run = await CliHarness.RunAsync("simulate", "--scenario", "default", "--out", dir, "--scale", "0.02", "--days", "3", "--seed", "4");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("wrote", run.Error, StringComparison.Ordinal);
        var exchanges = Directory.GetFiles(dir, "exchanges-*.jsonl").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(3, exchanges.Count);
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "truth.json")));
        Assert.Equal("distillguard.truth/v1", truth.RootElement.GetProperty("schema").GetString());
        var accountLines = File.ReadAllLines(Path.Combine(dir, "accounts.jsonl"));
        Assert.Equal(truth.RootElement.GetProperty("accounts").GetArrayLength(), accountLines.Length);
        var lines = exchanges.Sum(f => File.ReadLines(f).LongCount());
        Assert.Equal(truth.RootElement.GetProperty("exchanges").GetInt64(), lines);
        using var first = JsonDocument.Parse(File.ReadLines(exchanges[0]).First());
        Assert.True(first.RootElement.TryGetProperty("request", out _));
        Assert.True(first.RootElement.TryGetProperty("response", out _));
    }

    [Fact]
    public async Task Simulate_SameOptionsTwice_ByteIdenticalOutput()
    {
        string[] Args(string dir) => ["simulate", "--scenario", "deepseek-2026-02", "--out", dir, "--scale", "0.05", "--days", "6", "--gzip"];
        var a = Path.Combine(_root, "a");
        var b = Path.Combine(_root, "b");

        Assert.Equal(0, (await CliHarness.RunAsync(Args(a))).ExitCode);
        Assert.Equal(0, (await CliHarness.RunAsync(Args(b))).ExitCode);

        foreach (var file in Directory.GetFiles(a).Select(Path.GetFileName))
        {
            Assert.Equal(File.ReadAllBytes(Path.Combine(a, file!)), File.ReadAllBytes(Path.Combine(b, file!)));
        }

        Assert.NotEmpty(Directory.GetFiles(a, "exchanges-*.jsonl.gz"));
    }

    [Fact]
    public async Task Simulate_UnknownScenario_UsageErrorListingScenarios()
    {
        var run = await CliHarness.RunAsync("simulate", "--scenario", "nope", "--out", Path.Combine(_root, "x"));

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("qwen-2026-06", run.Error, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(_root, "x")));
    }

    [Fact]
    public async Task Simulate_NonPositiveScale_UsageError()
    {
        var run = await CliHarness.RunAsync("simulate", "--scenario", "default", "--out", Path.Combine(_root, "x"), "--scale", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("scale", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Scenarios_ListsEveryScenarioOnOneLine()
    {
        var run = await CliHarness.RunAsync("scenarios");

        Assert.Equal(0, run.ExitCode);
        var lines = run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] expected = ["default", "deepseek-2026-02", "moonshot-2026-02", "minimax-2026-02", "qwen-2026-06", "hydra-proxy", "full-2026"];
        Assert.Equal(expected, lines.Select(l => l.Split(' ')[0]));
        Assert.All(lines, l => Assert.True(l.Length > 40, l));
    }
}
