using System.IO.Compression;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Truth;

namespace DistillGuard.Simulation.Tests.Generation;

public sealed class ScenarioWriterTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("dg-sim-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private string Write(string name, SimulationOptions options, bool gzip, string scenario = "default")
    {
        var dir = Path.Combine(_root, name);
        ScenarioWriter.Write(ScenarioRun.Create(scenario, options), dir, gzip);
        return dir;
    }

    [Fact]
    public void Write_SameSeedAndOptions_ByteIdenticalFiles()
    {
        var a = Write("a", new SimulationOptions { Seed = 5, Scale = 0.05, Days = 5 }, gzip: true);
        var b = Write("b", new SimulationOptions { Seed = 5, Scale = 0.05, Days = 5 }, gzip: true);

        var files = Directory.GetFiles(a).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(files, Directory.GetFiles(b).Select(Path.GetFileName).Order().ToList());
        Assert.Contains("truth.json", files);
        Assert.Contains("accounts.jsonl", files);
        Assert.Contains("models.jsonl", files);
        Assert.Equal(5, files.Count(f => f!.StartsWith("exchanges-", StringComparison.Ordinal) && f.EndsWith(".jsonl.gz", StringComparison.Ordinal)));
        foreach (var file in files)
        {
            Assert.True(File.ReadAllBytes(Path.Combine(a, file!)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, file!))), $"{file} differs");
        }
    }

    [Fact]
    public void Write_DifferentSeed_DifferentTraffic()
    {
        var a = Write("a", new SimulationOptions { Seed = 5, Scale = 0.05, Days = 2 }, gzip: false);
        var b = Write("b", new SimulationOptions { Seed = 6, Scale = 0.05, Days = 2 }, gzip: false);

        Assert.NotEqual(File.ReadAllBytes(Path.Combine(a, "accounts.jsonl")), File.ReadAllBytes(Path.Combine(b, "accounts.jsonl")));
    }

    [Fact]
    public void Write_Gzip_OneDayPerFileInTimeOrderMatchingTruth()
    {
        var dir = Write("g", new SimulationOptions { Seed = 2, Scale = 0.05, Days = 3 }, gzip: true);
        var truth = TruthSerializer.ReadFile(Path.Combine(dir, "truth.json"));
        var lines = 0L;
        foreach (var file in Directory.GetFiles(dir, "exchanges-*.jsonl.gz").Order(StringComparer.Ordinal))
        {
            var day = Path.GetFileName(file)["exchanges-".Length..^".jsonl.gz".Length];
            using var reader = new StreamReader(new GZipStream(File.OpenRead(file), CompressionMode.Decompress));
            var previous = string.Empty;
            while (reader.ReadLine() is { } line)
            {
                var ts = line.Substring(7, 24);
                Assert.StartsWith(day, ts, StringComparison.Ordinal);
                Assert.True(string.CompareOrdinal(ts, previous) >= 0);
                previous = ts;
                lines++;
            }
        }

        Assert.Equal(truth.Exchanges, lines);
        Assert.Equal(File.ReadAllLines(Path.Combine(dir, "accounts.jsonl")).Length, truth.Accounts.Count);
        Assert.Equal(3, File.ReadAllLines(Path.Combine(dir, "models.jsonl")).Length);
    }
}
