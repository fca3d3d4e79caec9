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

    [Fact]
    public void Write_GzipAndPlain_SameBytesPerDay()
    {
        // Large enough that each day spans several of the writer's 1 MiB buffers, which are written in the background.
        var options = new SimulationOptions { Seed = 3, Scale = 0.2, Days = 2 };
        var gzip = Write("gz", options, gzip: true);
        var plain = Write("plain", options, gzip: false);

        var days = Directory.GetFiles(plain, "exchanges-*.jsonl").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, days.Count);
        foreach (var day in days)
        {
            var expected = File.ReadAllBytes(day);
            Assert.True(expected.Length > 2 << 20, $"{Path.GetFileName(day)} holds only {expected.Length} bytes");
            using var inflated = new MemoryStream();
            using (var stream = new GZipStream(File.OpenRead(Path.Combine(gzip, Path.GetFileName(day) + ".gz")), CompressionMode.Decompress))
            {
                stream.CopyTo(inflated);
            }

            Assert.True(expected.AsSpan().SequenceEqual(inflated.ToArray()), $"{Path.GetFileName(day)}.gz differs from the plain file");
        }
    }
}
