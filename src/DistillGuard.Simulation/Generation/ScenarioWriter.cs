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

        using var output = new OverlappedFileWriter(FlushBytes + (64 * 1024));
        using var writer = new Utf8JsonWriter(output.Buffer, ExchangeLogWriter.Options);
        WriteLines(output, writer, Open(Path.Combine(directory, "accounts.jsonl"), gzip: false), run.Accounts, static (w, a) => ExchangeLogWriter.WriteAccount(w, a));
        WriteLines(output, writer, Open(Path.Combine(directory, "models.jsonl"), gzip: false), run.Models, static (w, m) => ExchangeLogWriter.WriteModelRelease(w, m));

        var currentDay = DateTime.MinValue;
        long count = 0, bytes = 0;
        var span = (run.End - run.Start).Ticks;
        foreach (var exchange in run.Exchanges())
        {
            var day = exchange.Exchange.Timestamp.Date;
            if (day != currentDay)
            {
                currentDay = day;
                bytes += output.SwitchTo(Open(Path.Combine(directory, $"exchanges-{day:yyyy-MM-dd}.jsonl{(gzip ? ".gz" : string.Empty)}"), gzip));
            }

            bytes += AppendLine(output, writer, exchange, static (w, e) => ExchangeLogWriter.WriteExchange(w, e.Exchange, e.RequestJson.Span, e.ResponseJson.Span));
            if (++count % 50_000 == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report(new SimulationProgress(count, exchange.Exchange.Timestamp, bytes, span > 0 ? (double)(exchange.Exchange.Timestamp - run.Start).Ticks / span : 1));
            }
        }

        bytes += output.SwitchTo(null);

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

    /// <summary>Writes every item as a line of <paramref name="file"/>, then closes it.</summary>
    private static void WriteLines<T>(OverlappedFileWriter output, Utf8JsonWriter writer, Stream file, IEnumerable<T> items, Action<Utf8JsonWriter, T> write)
    {
        output.SwitchTo(file);
        foreach (var item in items)
        {
            AppendLine(output, writer, item, write);
        }

        output.SwitchTo(null);
    }

    /// <summary>
    /// Writes one record and its newline into <paramref name="output"/>'s buffer, and hands the buffer to the file once
    /// it holds <see cref="FlushBytes"/>; returns the bytes handed over.
    /// </summary>
    private static long AppendLine<T>(OverlappedFileWriter output, Utf8JsonWriter writer, T item, Action<Utf8JsonWriter, T> write)
    {
        var buffer = output.Buffer;
        writer.Reset(buffer);
        write(writer, item);
        writer.Flush();
        buffer.GetSpan(1)[0] = (byte)'\n';
        buffer.Advance(1);
        return buffer.WrittenCount >= FlushBytes ? output.Drain() : 0;
    }
}
