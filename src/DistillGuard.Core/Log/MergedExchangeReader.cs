namespace DistillGuard.Core.Log;

/// <summary>
/// Reads an exchange log of many files (plain or gzip) as one stream in timestamp order: a k-way merge by
/// <c>ts</c>, ties broken by (file order, line), with a bounded per-file reorder window
/// (<see cref="LogReaderOptions.ReorderWindow"/>) for small disorder within a file. Files are decompressed and
/// parsed on worker threads (<see cref="LogReaderOptions.Parallelism"/>); the merge runs on the caller's thread, and
/// the output order never depends on the thread count.
/// </summary>
/// <remarks>
/// Files are opened only when the merge needs them: each file's earliest timestamp among its first
/// <see cref="SniffRecords"/> records is read up front, a file starts being parsed ahead when the merge is within
/// <see cref="PrefetchLead"/> of it and joins the merge within <see cref="AdmitLead"/> of it. So hundreds of
/// hourly files cost the memory of the few that overlap in time. A file whose records run earlier than its
/// sniffed start by more than <see cref="AdmitLead"/> yields those records late (counted, never dropped).
/// </remarks>
/// <remarks>
/// Exchanges are recycled: <see cref="Current"/> is valid until the next <see cref="MoveNext"/> or
/// <see cref="Dispose"/> (see <see cref="Exchange"/>). Bad records go to <see cref="BadRecords"/> at the point of the
/// stream where they were met; in strict mode <see cref="MoveNext"/> throws <see cref="BadRecordException"/> there.
/// Not thread-safe, except <see cref="Progress"/>.
/// </remarks>
public sealed partial class MergedExchangeReader : IDisposable
{
    /// <summary>About how many exchanges the files' batches may hold at once, parsed and waiting for the merge.</summary>
    internal const int MaxExchangesInFlight = 64 * 1024;

    /// <summary>Records sniffed per file to find where it starts in time.</summary>
    public const int SniffRecords = 64;

    /// <summary>How far ahead of the merge a file joins it.</summary>
    public static readonly TimeSpan AdmitLead = TimeSpan.FromMinutes(1);

    /// <summary>How far ahead of the merge a file starts being decompressed and parsed on a worker.</summary>
    public static readonly TimeSpan PrefetchLead = TimeSpan.FromMinutes(15);

    private readonly FileCursor[] _cursors;
    private readonly FileExchangeSource[] _sources;
    private readonly MinHeap<FileCursor, CursorOrder> _heap;
    private readonly IBatchFeed _feed;
    private readonly LogReaderOptions _options;
    private readonly PriorityQueue<int, (DateTime Start, int File)> _dormant = new();
    private readonly PriorityQueue<int, (DateTime Start, int File)> _warming = new();
    private FileCursor? _current;
    private bool _started;
    private bool _disposed;
    private DateTime _lastTimestamp = DateTime.MinValue;

    /// <param name="files">The inputs, usually from <see cref="LogInputs.Discover"/>.</param>
    /// <param name="options">Reading options; defaults when null.</param>
    /// <param name="badRecords">
    /// Where bad records are counted; a new one (strict per <paramref name="options"/>) when null. When given, its
    /// <see cref="BadRecordLog.Strict"/> decides strict mode.
    /// </param>
    public MergedExchangeReader(IReadOnlyList<LogFile> files, LogReaderOptions? options = null, BadRecordLog? badRecords = null)
    {
        ArgumentNullException.ThrowIfNull(files);
        options ??= new LogReaderOptions();
        options.Validate();
        _options = options;
        Files = files;
        BadRecords = badRecords ?? new BadRecordLog(options.Strict, options.SamplesPerKind);
        long total = 0;
        foreach (var file in files)
        {
            total += file.Length;
        }

        Progress = new LogReadProgress(total);
        var batchSize = BatchSizeFor(options, files.Count);
        _sources = new FileExchangeSource[files.Count];
        _cursors = new FileCursor[files.Count];

        // Log files usually split time (one per hour or day), so the merge draws on one file at a time: its lines
        // are parsed by several threads, or a single worker would set the pace.
        var helpers = options.Parallelism > 1 ? new ParserPool(options) : null;
        var pool = new ExchangePool();
        for (var i = 0; i < files.Count; i++)
        {
            _sources[i] = new FileExchangeSource(files[i] with { Index = i }, options, BadRecords.Strict, Progress, batchSize, helpers, pool);
            _cursors[i] = new FileCursor(i);
        }

        _heap = new MinHeap<FileCursor, CursorOrder>(files.Count);
        _feed = options.Parallelism <= 1 || files.Count == 0
            ? new InlineBatchFeed(_sources, batchSize, options, pool)
            : new ParallelBatchFeed(_sources, batchSize, options.Parallelism, options, pool);
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
            SniffFiles();
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

        Admit();
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

    /// <summary>Finds each file's start in time (in parallel) and queues the files by it, unopened.</summary>
    private void SniffFiles()
    {
        var starts = new DateTime?[_sources.Length];
        Parallel.For(
            0,
            _sources.Length,
            new ParallelOptions { MaxDegreeOfParallelism = _options.Parallelism },
            () => new ExchangeParser(_options),
            (i, _, parser) =>
            {
                try
                {
                    starts[i] = _sources[i].SniffEarliest(parser, SniffRecords, maxLines: SniffRecords * 16);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    // Left unsniffed: the file joins at once and the real read raises the error in order.
                    starts[i] = null;
                }

                return parser;
            },
            static _ => { });
        for (var i = 0; i < starts.Length; i++)
        {
            // A file with no valid record near its start joins at once (its bad records are reported early).
            _dormant.Enqueue(i, (starts[i] ?? DateTime.MinValue, i));
        }
    }

    /// <summary>
    /// Starts and admits the files the merge is about to need. The frontier is the merge's next timestamp, or the
    /// next waiting file's start when no file is in the merge, so a gap between files never opens them all at once.
    /// </summary>
    private void Admit()
    {
        while (true)
        {
            var frontier = _heap.Count > 0 ? _heap.Peek().Head.Timestamp : NextStart();
            if (frontier == DateTime.MaxValue)
            {
                return;
            }

            while (_dormant.TryPeek(out var file, out var key) && Near(key.Start, frontier, PrefetchLead))
            {
                _dormant.Dequeue();
                _feed.Start(file);
                _warming.Enqueue(file, key);
            }

            if (!_warming.TryPeek(out var next, out var nextKey) || !Near(nextKey.Start, frontier, AdmitLead))
            {
                return;
            }

            _warming.Dequeue();
            var cursor = _cursors[next];
            Settle(cursor);
            if (cursor.HasHead)
            {
                _heap.Push(cursor);
            }
        }
    }

    private DateTime NextStart()
    {
        var start = DateTime.MaxValue;
        if (_warming.TryPeek(out _, out var warming))
        {
            start = warming.Start;
        }

        if (_dormant.TryPeek(out _, out var dormant) && dormant.Start < start)
        {
            start = dormant.Start;
        }

        return start;
    }

    private static bool Near(DateTime start, DateTime frontier, TimeSpan lead) => start <= frontier || start - frontier <= lead;

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
        // Bound the exchanges in flight across all files, but keep batches big enough to amortise handoffs.
        var fair = MaxExchangesInFlight / Math.Max(1, files * ParallelBatchFeed.BatchesPerFile);
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
