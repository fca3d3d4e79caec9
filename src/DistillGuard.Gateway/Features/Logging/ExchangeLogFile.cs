using System.Globalization;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Logging;

/// <summary>
/// The rotating exchange-log files: <c>exchanges-{start}-{n}.jsonl</c> in the log directory, a new file past
/// <see cref="ExchangeLogOptions.MaxFileBytes"/>. Used only by the consumer thread.
/// </summary>
internal sealed class ExchangeLogFile(IOptions<GatewayOptions> options, RotatedLogCompressor compressor, TimeProvider time, ILogger<ExchangeLogFile> logger) : IDisposable
{
    /// <summary>How every exchange file's name starts (what a replay at start reads back).</summary>
    public const string FilePrefix = "exchanges-";

    private readonly string _directory = Path.GetFullPath(options.Value.Log.Directory);
    private readonly long _maxBytes = options.Value.Log.MaxFileBytes;
    private FileStream? _stream;

    // Bytes in the current file, kept here because FileStream.Length asks the OS (an fstat per record).
    private long _length;
    private string? _stamp;
    private int _sequence;

    public string Directory => _directory;

    /// <summary>Path of the file being written, if any.</summary>
    public string? CurrentPath => _stream?.Name;

    public void Append(ReadOnlySpan<byte> line)
    {
        if (_stream is null || _length + line.Length + 1 > _maxBytes && _length > 0)
        {
            Rotate();
        }

        _stream!.Write(line);
        _stream.WriteByte((byte)'\n');
        _length += line.Length + 1;
    }

    public void Flush() => _stream?.Flush(flushToDisk: false);

    public void Dispose()
    {
        _stream?.Flush(flushToDisk: true);
        _stream?.Dispose();
        _stream = null;
    }

    private void Rotate()
    {
        if (_stream is { } closing)
        {
            closing.Flush(flushToDisk: true);
            closing.Dispose();
            compressor.Closed(closing.Name);
        }

        System.IO.Directory.CreateDirectory(_directory);
        _stamp ??= time.GetUtcNow().UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string path;
        do
        {
            _sequence++;
            path = Path.Combine(_directory, string.Create(CultureInfo.InvariantCulture, $"{FilePrefix}{_stamp}-{_sequence:D4}.jsonl"));
        }
        // A name taken by an earlier run of the same second stays taken once that file is compressed.
        while (File.Exists(path) || File.Exists(RotatedLogCompressor.CompressedPath(path)));

        // Flushed on a timer (ExchangeLogProcessor), so under load the file is written a full buffer at a time.
        _stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.Read, 256 * 1024);
        _length = 0;
        Log.LogRotated(logger, path);
    }
}
