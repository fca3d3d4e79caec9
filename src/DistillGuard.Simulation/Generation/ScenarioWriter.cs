using System.Buffers;
using System.IO.Compression;
using System.Text.Json;
using DistillGuard.Core.Log;
using DistillGuard.Simulation.Truth;

namespace DistillGuard.Simulation.Generation;

/// <summary>
/// Writes a scenario to a folder in the exchange-log spec format: <c>accounts.jsonl</c>, <c>models.jsonl</c>, one
/// <c>exchanges-YYYY-MM-DD.jsonl[.gz]</c> per UTC day in time order, and <c>truth.json</c> last (so a folder with a
/// truth file is complete). Streams: one record in memory at a time.
/// </summary>
public static class ScenarioWriter
{
    private const int FlushBytes = 1 << 20;

    /// <summary>Generates and writes <paramref name="run"/>; returns its truth document.</summary>
    public static TruthDocument Write(ScenarioRun run, string directory, bool gzip, IProgress<SimulationProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        Directory.CreateDirectory(directory);
        foreach (var stale in Directory.EnumerateFiles(directory, "exchanges-*.jsonl*"))
        {
            File.Delete(stale);
        }

        var buffer = new ArrayBufferWriter<byte>(FlushBytes + (64 * 1024));
        using var writer = new Utf8JsonWriter(buffer, ExchangeLogWriter.Options);
        WriteLines(Path.Combine(directory, "accounts.jsonl"), buffer, writer, run.Accounts, static (w, a) => ExchangeLogWriter.WriteAccount(w, a));
        WriteLines(Path.Combine(directory, "models.jsonl"), buffer, writer, run.Models, static (w, m) => ExchangeLogWriter.WriteModelRelease(w, m));

        var currentDay = DateTime.MinValue;
        long count = 0, bytes = 0;
        var span = (run.End - run.Start).Ticks;
        using (var days = new OverlappedFileWriter(FlushBytes + (64 * 1024)))
        {
            foreach (var exchange in run.Exchanges())
            {
                var day = exchange.Exchange.Timestamp.Date;
                if (day != currentDay)
                {
                    currentDay = day;
                    bytes += days.SwitchTo(Open(Path.Combine(directory, $"exchanges-{day:yyyy-MM-dd}.jsonl{(gzip ? ".gz" : string.Empty)}"), gzip));
                }

                var dayBuffer = days.Buffer;
                writer.Reset(dayBuffer);
                ExchangeLogWriter.WriteExchange(writer, exchange.Exchange, exchange.RequestJson.Span, exchange.ResponseJson.Span);
                writer.Flush();
                dayBuffer.GetSpan(1)[0] = (byte)'\n';
                dayBuffer.Advance(1);
                if (dayBuffer.WrittenCount >= FlushBytes)
                {
                    bytes += days.Drain();
                }

                if (++count % 50_000 == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    progress?.Report(new SimulationProgress(count, exchange.Exchange.Timestamp, bytes, span > 0 ? (double)(exchange.Exchange.Timestamp - run.Start).Ticks / span : 1));
                }
            }

            bytes += days.SwitchTo(null);
        }

        var truth = run.BuildTruth();
        TruthSerializer.WriteFile(Path.Combine(directory, "truth.json"), truth);
        progress?.Report(new SimulationProgress(count, run.End, bytes, 1));
        return truth;
    }

    private static Stream Open(string path, bool gzip)
    {
        var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        // gzip's own default level, as gzip and logrotate write logs: level 1 made files 60 % larger and slower to
        // inflate, so a scan of simulated logs spent more time decompressing than a scan of real ones would.
        return gzip ? new GZipStream(stream, CompressionLevel.Optimal, leaveOpen: false) : stream;
    }

    private static long Drain(ArrayBufferWriter<byte> buffer, Stream? file)
    {
        var n = buffer.WrittenCount;
        if (file is not null && n > 0)
        {
            file.Write(buffer.WrittenSpan);
        }

        buffer.ResetWrittenCount();
        return n;
    }

    private static void WriteLines<T>(string path, ArrayBufferWriter<byte> buffer, Utf8JsonWriter writer, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        using var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16);
        foreach (var item in items)
        {
            writer.Reset(buffer);
            write(writer, item);
            writer.Flush();
            buffer.GetSpan(1)[0] = (byte)'\n';
            buffer.Advance(1);
            if (buffer.WrittenCount >= FlushBytes)
            {
                Drain(buffer, file);
            }
        }

        Drain(buffer, file);
    }
}
