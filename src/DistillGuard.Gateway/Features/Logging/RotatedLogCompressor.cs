using System.IO.Compression;
using System.Threading.Channels;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Logging;

/// <summary>
/// With <see cref="ExchangeLogOptions.CompressRotated"/>, gzips each exchange file the gateway has closed (at rotation,
/// and those left by earlier runs) to <c>.jsonl.gz</c> in place, on a worker of its own, off the engine thread. The
/// compressed file is written under a temporary name, flushed to disk, renamed into place, and only then is the plain
/// file deleted, so a crash at any point leaves every record in one whole file: <see cref="RecoverAtStart"/> then
/// removes what the crash left half-done, before the replay reads the folder.
/// </summary>
internal sealed class RotatedLogCompressor(IOptions<GatewayOptions> options, GatewayMetrics metrics, ILogger<RotatedLogCompressor> logger) : IHostedService, IDisposable
{
    private const string TemporarySuffix = ".tmp";

    private readonly Channel<string> _closed = Channel.CreateUnbounded<string>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stopping = new();
    private readonly bool _enabled = options.Value.Log.CompressRotated;
    private readonly string _directory = Path.GetFullPath(options.Value.Log.Directory);
    private Task _worker = Task.CompletedTask;

    /// <summary>Where <paramref name="plain"/> goes once compressed.</summary>
    public static string CompressedPath(string plain) => CompressedCopies.GzipPathOf(plain);

    /// <summary>Called by the log file when it has closed <paramref name="path"/> for good (never for the file in use).</summary>
    public void Closed(string path)
    {
        if (_enabled)
        {
            _closed.Writer.TryWrite(path);
        }
    }

    /// <summary>
    /// Before the replay at start, whether or not compression is on: deletes temporary files of a compression a crash
    /// cut short, and of a plain file that also has a <c>.gz</c> beside it, keeps the one that holds every record: the
    /// <c>.gz</c> when it decompresses to exactly the plain file's bytes, the plain file when the <c>.gz</c> is cut or
    /// holds only a start of it — so no record is read twice or lost. Two files that hold different records are both
    /// kept (never the case for the gateway's own names).
    /// </summary>
    public void RecoverAtStart()
    {
        if (!Directory.Exists(_directory))
        {
            return;
        }

        foreach (var temporary in Directory.EnumerateFiles(_directory, CompressedPath($"{ExchangeLogFile.FilePrefix}*.jsonl") + TemporarySuffix))
        {
            File.Delete(temporary);
        }

        foreach (var plain in Directory.EnumerateFiles(_directory, $"{ExchangeLogFile.FilePrefix}*.jsonl"))
        {
            var gz = CompressedPath(plain);
            if (!File.Exists(gz))
            {
                continue;
            }

            if (CompressedCopies.Redundant(gz, plain) is { } redundant)
            {
                File.Delete(redundant);
                Log.LogCompressionRecovered(logger, redundant == plain ? gz : plain, redundant);
            }
            else
            {
                Log.LogCompressionPairDiffers(logger, plain, gz);
            }
        }
    }

    /// <summary>After the replay at start: queues the plain exchange files of earlier runs (this run has written none yet).</summary>
    public void QueueEarlierFiles()
    {
        if (!_enabled || !Directory.Exists(_directory))
        {
            return;
        }

        foreach (var plain in Directory.EnumerateFiles(_directory, $"{ExchangeLogFile.FilePrefix}*.jsonl").Order(StringComparer.Ordinal))
        {
            _closed.Writer.TryWrite(plain);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_enabled)
        {
            _worker = Task.Run(CompressQueuedAsync, CancellationToken.None);
        }

        return Task.CompletedTask;
    }

    /// <summary>Stops after the file in progress is abandoned: its temporary file is removed at the next start, the plain one kept.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _closed.Writer.TryComplete();
        await _stopping.CancelAsync().ConfigureAwait(false);
        await _worker.ConfigureAwait(false);
    }

    public void Dispose() => _stopping.Dispose();

    private async Task CompressQueuedAsync()
    {
        try
        {
            await foreach (var plain in _closed.Reader.ReadAllAsync(_stopping.Token).ConfigureAwait(false))
            {
                try
                {
                    await CompressAsync(plain, _stopping.Token).ConfigureAwait(false);
                    Interlocked.Increment(ref metrics.LogFilesCompressed);
                }
                catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
                {
                    // The plain file stays, whole; the next start queues it again.
                    Interlocked.Increment(ref metrics.LogFilesCompressionFailed);
                    Log.LogCompressionFailed(logger, plain, ex);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            // Stopping: what is left is compressed by the next start.
        }
    }

    private static async Task CompressAsync(string plain, CancellationToken cancellationToken)
    {
        var gz = CompressedPath(plain);
        var temporary = gz + TemporarySuffix;
        try
        {
            await using (var input = new FileStream(plain, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan | FileOptions.Asynchronous))
            await using (var output = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 16, FileOptions.Asynchronous))
            {
                await using (var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true))
                {
                    await input.CopyToAsync(gzip, cancellationToken).ConfigureAwait(false);
                }

                output.Flush(flushToDisk: true);
            }

            // The replay window reads a file's modification time as its newest record's: keep the plain file's.
            File.SetLastWriteTimeUtc(temporary, File.GetLastWriteTimeUtc(plain));
            File.Move(temporary, gz);
        }
        catch
        {
            File.Delete(temporary);
            throw;
        }

        File.Delete(plain);
    }
}
