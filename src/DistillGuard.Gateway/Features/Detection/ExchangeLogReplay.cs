using System.Diagnostics;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Detection;

/// <summary>
/// At start, feeds the engine the exchange log the gateway wrote before it stopped (its own log directory), in time
/// order, exactly as <c>scan</c> reads that folder. Without it a restart — a deploy, a crash — would forget every
/// verdict the engine had reached, and a campaign it had blocked would be served again until the engine caught up
/// with it from new traffic. Bad lines (a crash can leave a cut last line) are skipped and counted, as a
/// non-strict scan skips them. Must run on the engine thread, before traffic.
/// </summary>
internal sealed class ExchangeLogReplay(IOptions<GatewayOptions> options, TimeProvider time, ILogger<ExchangeLogReplay> logger)
{
    private const int CancellationCheckEvery = 4096;

    /// <summary>Feeds the engine every exchange in the log directory's exchange files; returns how many.</summary>
    public long Run(DetectionEngine engine, CancellationToken cancellationToken)
    {
        var files = Files();
        if (files.Count == 0)
        {
            return 0;
        }

        var stopwatch = Stopwatch.StartNew();
        var bad = new BadRecordLog(strict: false);
        long replayed = 0;
        // As scan reads a log: the answer text is never materialised, and exchanges are analysed on the reader's threads.
        using (var reader = new MergedExchangeReader(files, new LogReaderOptions { MaxResponseTextChars = 0, Analyzer = engine.Analyzer }, bad))
        {
            while (reader.MoveNext())
            {
                engine.Observe(reader.Current);
                if (++replayed % CancellationCheckEvery == 0)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                }
            }
        }

        Log.LogReplayed(logger, replayed, files.Count, stopwatch.Elapsed.TotalSeconds);
        if (bad.Total > 0)
        {
            Log.LogReplayBadRecords(logger, bad.Total, string.Join("; ", bad.Samples));
        }

        return replayed;
    }

    /// <summary>
    /// The exchange files a replay at <paramref name="now"/> reads from <paramref name="directory"/>: the gateway's
    /// own (<c>exchanges-*</c>; accounts.jsonl beside them is a side file the store already holds), in ordinal order,
    /// and with a <paramref name="window"/> only those last written within it. Shared with <c>scan --gateway-config</c>,
    /// so a scan of a gateway's folder reads what its restart would.
    /// </summary>
    public static List<LogFile> FilesToReplay(string directory, TimeSpan? window, DateTime now, out int leftOut)
    {
        leftOut = 0;
        if (!Directory.Exists(directory))
        {
            return [];
        }

        var files = LogInputs.Discover([directory])
            .Where(static f => Path.GetFileName(f.Path).StartsWith(ExchangeLogFile.FilePrefix, StringComparison.Ordinal))
            .ToList();
        if (window is { } span)
        {
            var cutoff = now - span;
            leftOut = files.RemoveAll(f => File.GetLastWriteTimeUtc(f.Path) < cutoff);
        }

        return files.Select(static (f, i) => f with { Index = i }).ToList();
    }

    private List<LogFile> Files()
    {
        var log = options.Value.Log;
        var now = time.GetUtcNow().UtcDateTime;
        var files = FilesToReplay(Path.GetFullPath(log.Directory), log.ReplayWindow, now, out var leftOut);
        if (leftOut > 0)
        {
            Log.LogReplayLeftOut(logger, leftOut, now - log.ReplayWindow!.Value, log.ReplayWindow.Value);
        }

        return files;
    }
}
