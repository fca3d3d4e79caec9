using System.Buffers;
using System.IO.Compression;

namespace DistillGuard.Core.Log;

/// <summary>
/// Splits a log file (plain or gzip, told apart by its magic bytes, not its name) into lines over one pooled
/// buffer, numbering them from 1. Handles CRLF, a UTF-8 BOM, a last line without newline, lines over the limit
/// (skipped without buffering them) and gzip data that ends early or is corrupt (reported once, after every
/// complete line before it). Owned by one thread at a time.
/// </summary>
internal sealed class LogLineReader : IDisposable
{
    private const int InitialBuffer = 256 * 1024;
    private readonly FileStream _file;
    private readonly Stream _stream;
    private readonly int _maxLineBytes;
    private byte[] _buffer;
    private int _start;
    private int _end;
    private int _scanFrom;
    private long _decompressed;
    private bool _eof;
    private bool _skipping;
    private bool _bomChecked;
    private bool _finished;
    private bool _truncated;

    private LogLineReader(string path, FileStream file, Stream stream, bool gzip, int maxLineBytes)
    {
        Path = path;
        _file = file;
        _stream = stream;
        IsGzip = gzip;
        _maxLineBytes = maxLineBytes;
        _buffer = ArrayPool<byte>.Shared.Rent(Math.Min(InitialBuffer, maxLineBytes + 1));
    }

    public string Path { get; }

    public bool IsGzip { get; }

    /// <summary>Number of the line last returned (or reached, for <see cref="LineStatus.Truncated"/>).</summary>
    public long LineNumber { get; private set; }

    /// <summary>Bytes of the file consumed so far (compressed bytes for gzip), for progress.</summary>
    public long FileBytesRead => _file.Position;

    /// <summary>Bytes of log text produced so far (after decompression).</summary>
    public long BytesDecompressed => _decompressed;

    public string? TruncationMessage { get; private set; }

    public static LogLineReader Open(string path, int maxLineBytes)
    {
        var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite, 64 * 1024, FileOptions.SequentialScan);
        try
        {
            Span<byte> magic = stackalloc byte[2];
            var gzip = file.Read(magic) == 2 && magic[0] == 0x1f && magic[1] == 0x8b;
            file.Position = 0;
            Stream stream = gzip ? new GZipStream(file, CompressionMode.Decompress, leaveOpen: true) : file;
            return new LogLineReader(path, file, stream, gzip, maxLineBytes);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    /// <summary>The next line; <paramref name="line"/> is valid until the next call.</summary>
    public LineStatus Next(out ReadOnlySpan<byte> line)
    {
        line = default;
        while (true)
        {
            var found = _buffer.AsSpan(_scanFrom, _end - _scanFrom).IndexOf((byte)'\n');
            if (found >= 0)
            {
                var newline = _scanFrom + found;
                LineNumber++;
                var wasSkipping = _skipping;
                _skipping = false;
                line = TrimCarriageReturn(_buffer.AsSpan(_start, newline - _start));
                _start = _scanFrom = newline + 1;
                return wasSkipping ? LineStatus.TooLong : LineStatus.Line;
            }

            if (_skipping)
            {
                // Drop what was buffered of the over-long line; keep looking for its end.
                _start = _end;
            }

            _scanFrom = _end;
            if (_eof)
            {
                return AtEnd(out line);
            }

            Fill();
        }
    }

    private LineStatus AtEnd(out ReadOnlySpan<byte> line)
    {
        line = default;
        if (_finished)
        {
            return LineStatus.End;
        }

        var partial = _start < _end || _skipping;
        if (IsGzip && !_truncated && !GzipIntegrity.IsComplete(Path, _decompressed))
        {
            _truncated = true;
            TruncationMessage = "gzip data ends before the end of its compressed stream (file truncated)";
        }

        _finished = true;
        if (_truncated)
        {
            // The line being read when the data stopped is incomplete: it is not parsed.
            LineNumber++;
            TruncationMessage += partial ? $"; incomplete line {LineNumber} dropped" : string.Empty;
            return LineStatus.Truncated;
        }

        if (!partial)
        {
            return LineStatus.End;
        }

        LineNumber++;
        var skipped = _skipping;
        line = TrimCarriageReturn(_buffer.AsSpan(_start, _end - _start));
        _start = _end;
        return skipped ? LineStatus.TooLong : LineStatus.Line;
    }

    private void Fill()
    {
        if (_start > 0)
        {
            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _scanFrom -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            if (_buffer.Length > _maxLineBytes)
            {
                _skipping = true;
                _start = _end = _scanFrom = 0;
            }
            else
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Min(_buffer.Length * 2, _maxLineBytes + 1));
                _buffer.AsSpan(0, _end).CopyTo(larger);
                ArrayPool<byte>.Shared.Return(_buffer);
                _buffer = larger;
            }
        }

        int read;
        try
        {
            read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        }
        catch (InvalidDataException e) when (IsGzip)
        {
            _truncated = true;
            TruncationMessage = "gzip data is corrupt: " + e.Message;
            read = 0;
        }

        if (read == 0)
        {
            _eof = true;
            return;
        }

        _decompressed += read;
        _end += read;
        if (!_bomChecked && _end >= 3)
        {
            _bomChecked = true;
            if (_buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF)
            {
                _start = _scanFrom = 3;
            }
        }
    }

    private static ReadOnlySpan<byte> TrimCarriageReturn(ReadOnlySpan<byte> line) =>
        line.Length > 0 && line[^1] == (byte)'\r' ? line[..^1] : line;

    public void Dispose()
    {
        if (!ReferenceEquals(_stream, _file))
        {
            _stream.Dispose();
        }

        _file.Dispose();
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
