namespace DistillGuard.Core.Log;

/// <summary>
/// Reads an exchange log of many files (plain or gzip) as one stream in timestamp order: a k-way merge by
/// <c>ts</c>, ties broken by (file order, line), with a bounded per-file reorder window
/// (<see cref="LogReaderOptions.ReorderWindow"/>) for small disorder within a file. Files are decompressed and
/// parsed on worker threads (<see cref="LogReaderOptions.Parallelism"/>); the merge runs on the caller's thread, and
/// the output order never depends on the thread count.
/// </summary>
/// <remarks>
/// Exchanges are recycled: <see cref="Current"/> is valid until the next <see cref="MoveNext"/> or
/// <see cref="Dispose"/> (see <see cref="Exchange"/>). Bad records go to <see cref="BadRecords"/> at the point of the
/// stream where they were met; in strict mode <see cref="MoveNext"/> throws <see cref="BadRecordException"/> there.
/// Not thread-safe, except <see cref="Progress"/>.
/// </remarks>
public sealed partial class MergedExchangeReader : IDisposable
{
    private readonly FileCursor[] _cursors;
    private readonly CursorHeap _heap;
    private readonly IBatchFeed _feed;
    private FileCursor? _current;
    private bool _started;
    private bool _disposed;
    private DateTime _lastTimestamp = DateTime.MinValue;

    /// <param name="files">The inputs, usually from <see cref="LogInputs.Discover"/>.</param>
    /// <param name="options">Reading options; defaults when null.</param>
    /// <param name="badRecords">Where bad records are counted; a new one (strict per <paramref name="options"/>) when null.</param>
    public MergedExchangeReader(IReadOnlyList<LogFile> files, LogReaderOptions? options = null, BadRecordLog? badRecords = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= new LogReaderOptions();
        options.Validate();
        Files = files;
        BadRecords = badRecords ?? new BadRecordLog(options.Strict, options.SamplesPerKind);
        long total = 0;
        foreach (var file in files)
        {
            total += file.Length;
        }

        Progress = new LogReadProgress(total);
        var batchSize = BatchSizeFor(options, files.Count);
        var sources = new FileExchangeSource[files.Count];
        _cursors = new FileCursor[files.Count];
        for (var i = 0; i < files.Count; i++)
        {
            sources[i] = new FileExchangeSource(files[i] with { Index = i }, new ExchangeParser(options.MaxTextChars), options, Progress);
            _cursors[i] = new FileCursor(i);
        }

        _heap = new CursorHeap(files.Count);
        _feed = options.Parallelism <= 1 || files.Count == 0
            ? new InlineBatchFeed(sources, batchSize)
            : new ParallelBatchFeed(sources, batchSize, options.Parallelism);
    }

    /// <summary>Discovers the inputs (<see cref="LogInputs.Discover"/>) and opens a reader over them.</summary>
    public static MergedExchangeReader Open(IEnumerable<string> paths, LogReaderOptions? options = null, BadRecordLog? badRecords = null) =>
        new(LogInputs.Discover(paths), options, badRecords);

    public IReadOnlyList<LogFile> Files { get; }

    public BadRecordLog BadRecords { get; }

    /// <summary>Bytes and lines read so far; safe to poll from another thread.</summary>
    public LogReadProgress Progress { get; }

    /// <summary>Exchanges yielded so far.</summary>
    public long ExchangesRead { get; private set; }

    /// <summary>
    /// Exchanges yielded with a timestamp earlier than the one before them: lines further out of order in their file
    /// than the reorder window. They still come through, in file order.
    /// </summary>
    public long LateRecords { get; private set; }

    /// <summary>The current exchange; valid until the next <see cref="MoveNext"/>.</summary>
    public Exchange Current => _current?.Head ?? throw new InvalidOperationException("MoveNext has not returned true");

    /// <summary>Advances to the next exchange in timestamp order; false at the end of all files.</summary>
    /// <exception cref="BadRecordException">Strict mode, at the first bad record.</exception>
    /// <exception cref="IOException">A file could not be read.</exception>
    public bool MoveNext()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (!_started)
        {
            _started = true;
            foreach (var cursor in _cursors)
            {
                Settle(cursor);
                if (cursor.HasHead)
                {
                    _heap.Push(cursor);
                }
            }
        }
        else if (_current is { } previous)
        {
            // Only now is the previously yielded exchange released (it may return to its file's pool).
            _current = null;
            previous.Position++;
            Settle(previous);
            if (previous.HasHead)
            {
                _heap.Push(previous);
            }
        }

        if (_heap.Count == 0)
        {
            return false;
        }

        _current = _heap.Pop();
        var timestamp = _current.Head.Timestamp;
        if (timestamp < _lastTimestamp)
        {
            LateRecords++;
        }
        else
        {
            _lastTimestamp = timestamp;
        }

        ExchangesRead++;
        return true;
    }

    /// <summary>Lets <c>foreach (var exchange in reader)</c> work without allocating.</summary>
    public Enumerator GetEnumerator() => new(this);

    /// <summary>Brings a cursor to its next exchange (or its end), logging bad records it passes on the way.</summary>
    private void Settle(FileCursor cursor)
    {
        while (true)
        {
            if (cursor.Batch is null)
            {
                if (cursor.Finished)
                {
                    return;
                }

                cursor.Batch = _feed.Take(cursor.File);
                cursor.Position = 0;
                cursor.BadIndex = 0;
            }

            var batch = cursor.Batch;
            while (cursor.BadIndex < batch.BadRecords.Count && batch.BadRecords[cursor.BadIndex].Position <= cursor.Position)
            {
                var bad = batch.BadRecords[cursor.BadIndex++].Record;
                BadRecords.Add(bad);
            }

            if (cursor.Position < batch.Count)
            {
                return;
            }

            cursor.Finished = batch.IsLast;
            cursor.Batch = null;
            _feed.Return(cursor.File, batch);
            if (cursor.Finished)
            {
                return;
            }
        }
    }

    private static int BatchSizeFor(LogReaderOptions options, int files)
    {
        // Bound the exchanges in flight across all files to about 64k, but keep batches big enough to amortise handoffs.
        var fair = 64 * 1024 / Math.Max(1, files * ParallelBatchFeed.BatchesPerFile);
        return Math.Max(Math.Min(16, options.BatchSize), Math.Min(fair, options.BatchSize));
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _current = null;
        _feed.Dispose();
    }
}
