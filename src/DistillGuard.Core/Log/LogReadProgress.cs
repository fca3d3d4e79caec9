namespace DistillGuard.Core.Log;

/// <summary>Counters a progress bar can poll from any thread while logs are read.</summary>
public sealed class LogReadProgress
{
    private long _bytesRead;
    private long _linesRead;

    public LogReadProgress(long totalBytes) => TotalBytes = totalBytes;

    /// <summary>Size of all input files on disk (compressed size for gzip).</summary>
    public long TotalBytes { get; }

    /// <summary>Bytes of the input files read so far (compressed bytes for gzip); reaches <see cref="TotalBytes"/> at the end.</summary>
    public long BytesRead => Volatile.Read(ref _bytesRead);

    /// <summary>Lines read and parsed so far (good, bad and blank), ahead of what the merge has yielded.</summary>
    public long LinesRead => Volatile.Read(ref _linesRead);

    internal void Add(long bytes, long lines)
    {
        Interlocked.Add(ref _bytesRead, bytes);
        Interlocked.Add(ref _linesRead, lines);
    }
}
