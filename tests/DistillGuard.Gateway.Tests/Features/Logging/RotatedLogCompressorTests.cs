using System.IO.Compression;
using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DistillGuard.Gateway.Tests.Features.Logging;

/// <summary>
/// <c>Log.CompressRotated</c>: closed exchange files become <c>.jsonl.gz</c> in place, the replay at start reads every
/// record once, and what a crash in the middle of a compression leaves is settled before the replay.
/// </summary>
public sealed class RotatedLogCompressorTests
{
    private const int Requests = 20;

    [Fact]
    public async Task CompressRotated_SmallFiles_ClosedOnesGzippedRecordsWholeAndReplayedOnce()
    {
        await using var fixture = await GatewayFixture.StartAsync(static s =>
        {
            s["Gateway:Log:MaxFileBytes"] = "4096";
            s["Gateway:Log:CompressRotated"] = "true";
        });
        var key = await fixture.CreateKeyAsync("acct_gz");
        for (var i = 0; i < Requests; i++)
        {
            using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(prompt: $"Question {i}")), TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        await fixture.WaitForEngineAsync(Requests);
        var files = LogNames(fixture).Count;
        Assert.True(files >= 3, $"only {files} log files: the test needs several rotations");
        await WaitForCompressedAsync(fixture, files - 1);

        // Every closed file is gzipped; only the one in use is plain.
        Assert.Single(Directory.GetFiles(fixture.LogDirectory, "exchanges-*.jsonl"));
        Assert.Equal(files - 1, Directory.GetFiles(fixture.LogDirectory, "exchanges-*.jsonl.gz").Length);
        Assert.Empty(Directory.GetFiles(fixture.LogDirectory, "*.tmp"));
        await fixture.StopGatewayAsync();
        Assert.Equal(Enumerable.Range(0, Requests).Select(static i => $"Question {i}").Order(StringComparer.Ordinal), Prompts(fixture).Order(StringComparer.Ordinal));
        var lastPlain = Directory.GetFiles(fixture.LogDirectory, "exchanges-*.jsonl").Single();
        var lastWritten = new DateTime(2026, 5, 1, 12, 0, 0, DateTimeKind.Utc);
        File.SetLastWriteTimeUtc(lastPlain, lastWritten);

        await fixture.StartGatewayAsync();

        // The file the stop closed is compressed after the replay; the replay read each record once.
        Assert.Equal(Requests, await fixture.Service<ExchangeLogPipeline>().RunOnEngineAsync(static e => e.ObservedExchanges, TestContext.Current.CancellationToken));
        await WaitForCompressedAsync(fixture, 1);
        Assert.Empty(Directory.GetFiles(fixture.LogDirectory, "exchanges-*.jsonl"));
        Assert.Equal(Requests, Prompts(fixture).Count);
        // Log.ReplayWindow reads the modification time as the newest record's: compressing keeps it.
        Assert.Equal(lastWritten, File.GetLastWriteTimeUtc(lastPlain + ".gz"));
    }

    [Fact]
    public async Task Start_AfterCompressionsACrashCutShort_KeepsTheWholeCopyOfEachFileAndReplaysItOnce()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_crash");
        for (var i = 0; i < Requests; i++)
        {
            using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(prompt: $"Question {i}")), TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        await fixture.StopGatewayAsync();
        var renamed = Directory.GetFiles(fixture.LogDirectory, "exchanges-*.jsonl").Single();
        // Crashed after the rename, before the delete: a whole .gz beside its plain file.
        Gzip(renamed, renamed + ".gz", keep: int.MaxValue);
        // Crashed while writing straight to the .gz (as gzip(1) does): a cut .gz beside a second, whole plain file.
        var cut = Path.Combine(fixture.LogDirectory, "exchanges-20260101T000000Z-0001.jsonl");
        File.Copy(renamed, cut);
        Gzip(cut, cut + ".gz", keep: 200);
        // Crashed before the rename: a temporary file.
        var temporary = Path.Combine(fixture.LogDirectory, "exchanges-20260101T000000Z-0002.jsonl.gz.tmp");
        File.WriteAllText(temporary, "half a gzip stream");
        // Not a crash's leftovers: a .gz holding other records than the plain file of its name (the first five).
        var other = Path.Combine(fixture.LogDirectory, "exchanges-20260101T000000Z-0003.jsonl");
        File.WriteAllLines(other, File.ReadLines(renamed).Skip(5).Take(5));
        File.WriteAllLines(other + ".part", File.ReadLines(renamed).Take(5));
        Gzip(other + ".part", other + ".gz", keep: int.MaxValue);
        File.Delete(other + ".part");

        await fixture.StartGatewayAsync();

        Assert.False(File.Exists(renamed), "the plain file whose .gz is whole must go");
        Assert.True(File.Exists(renamed + ".gz"));
        Assert.True(File.Exists(cut), "the plain file whose .gz is cut must stay");
        Assert.False(File.Exists(cut + ".gz"));
        Assert.False(File.Exists(temporary));
        Assert.True(File.Exists(other) && File.Exists(other + ".gz"), "files holding different records must both stay");
        Assert.Equal((2 * Requests) + 10, await fixture.Service<ExchangeLogPipeline>().RunOnEngineAsync(static e => e.ObservedExchanges, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Rotate_RestartedWithinTheSameSecond_NeverReusesTheNameOfACompressedFile()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var fixture = await GatewayFixture.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var key = await fixture.CreateKeyAsync("acct_name");
        (await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), TestContext.Current.CancellationToken)).Dispose();
        await fixture.StopGatewayAsync();
        var first = Path.Combine(fixture.LogDirectory, "exchanges-20260501T120000Z-0001.jsonl");
        Gzip(first, first + ".gz", keep: int.MaxValue);
        File.Delete(first);

        await fixture.StartGatewayAsync();
        (await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), TestContext.Current.CancellationToken)).Dispose();
        await fixture.StopGatewayAsync();

        // Had the second run taken -0001 again, a later compression or recovery would have met two different -0001s.
        Assert.False(File.Exists(first));
        Assert.True(File.Exists(Path.Combine(fixture.LogDirectory, "exchanges-20260501T120000Z-0002.jsonl")));
    }

    /// <summary>Exchange files by name without <c>.gz</c>: a file being compressed counts once.</summary>
    private static HashSet<string> LogNames(GatewayFixture fixture) =>
        [.. Directory.GetFiles(fixture.LogDirectory, "exchanges-*").Where(static f => !f.EndsWith(".tmp", StringComparison.Ordinal)).Select(static f => f.EndsWith(".gz", StringComparison.Ordinal) ? f[..^3] : f)];

    /// <summary>Asks <c>/metrics</c> until the gateway has compressed <paramref name="count"/> files.</summary>
    private static async Task WaitForCompressedAsync(GatewayFixture fixture, long count)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        while (PrometheusText.Value(await fixture.Client.GetStringAsync("/metrics", timeout.Token), "distillguard_gateway_log_files_compressed_total") < count)
        {
        }

        Assert.Equal(0, PrometheusText.Value(await fixture.Client.GetStringAsync("/metrics", timeout.Token), "distillguard_gateway_log_files_compression_failed_total"));
    }

    /// <summary>The first user prompt of every record in the log folder, plain and gzipped.</summary>
    private static List<string> Prompts(GatewayFixture fixture)
    {
        var prompts = new List<string>();
        foreach (var file in Directory.GetFiles(fixture.LogDirectory, "exchanges-*"))
        {
            using var stream = File.OpenRead(file);
            using var text = new StreamReader(file.EndsWith(".gz", StringComparison.Ordinal) ? new GZipStream(stream, CompressionMode.Decompress) : stream);
            while (text.ReadLine() is { Length: > 0 } line)
            {
                using var record = System.Text.Json.JsonDocument.Parse(line);
                prompts.Add(record.RootElement.GetProperty("request").GetProperty("messages")[0].GetProperty("content").GetString()!);
            }
        }

        return prompts;
    }

    /// <summary>Gzips <paramref name="source"/> into <paramref name="target"/>, keeping only its first <paramref name="keep"/> bytes of output.</summary>
    private static void Gzip(string source, string target, int keep)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var input = File.OpenRead(source))
        {
            input.CopyTo(gzip);
        }

        File.WriteAllBytes(target, buffer.ToArray().AsSpan(0, (int)Math.Min(keep, buffer.Length)).ToArray());
    }
}
