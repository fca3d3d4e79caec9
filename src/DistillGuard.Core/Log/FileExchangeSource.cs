namespace DistillGuard.Core.Log;

/// <summary>
/// Reads one log file into batches: lines → parsed exchanges → reorder window → batch, with bad records placed
/// where they were met. Deterministic for a given file whatever thread runs it. Used by one thread at a time.
/// </summary>
internal sealed class FileExchangeSource : IDisposable
{
    private readonly LogFile _file;
    private readonly LogReadProgress _progress;
    private readonly int _maxLineBytes;
    private readonly int _window;
    private readonly MinHeap<Exchange, LineOrder> _pending;
    private readonly Stack<Exchange> _free = new();
    private readonly bool _strict;
    private readonly Analysis.IExchangeAnalyzer? _analyzer;
    private readonly ParserPool? _helpers;
    private readonly ExchangePool _pool;
    private readonly int _batchSize;

    /// <summary>Lines being handed out; taken from the shared pool when the file is first read and handed back when it ends.</summary>
    private LineChunk? _chunk;

    /// <summary>
    /// With helpers: chunks read after <see cref="_chunk"/>, in line order, each being parsed on the pool, so the pool
    /// always has work queued while this thread decompresses and the merge is busy with what came before.
    /// </summary>
    private readonly Queue<(LineChunk Chunk, Task Parse)> _ahead = new();
    private readonly Stack<LineChunk> _spareChunks = new();

    /// <summary>
    /// Chunks read ahead: four per parsing thread. With two, the pool ran dry whenever this thread waited its turn
    /// for a core while the workers finished what was queued (3.6 % more wall time per scan, docs/benchmarks.md).
    /// </summary>
    private readonly int _chunksAhead;
    private bool _readToEnd;
    private long _lineNumber;
    private LogLineReader? _lines;
    private bool _inputDone;

    /// <summary>
    /// A bad record held back until the window has given out every record read before it: the end-of-file ones
    /// (truncated gzip), and in strict mode the first one, after which the file stops (the merge throws there).
    /// </summary>
    private BadRecord? _final;
    private long _bytesReported;

    /// <param name="file">The file to read.</param>
    /// <param name="options">Window, line limit.</param>
    /// <param name="strict">Whether the first bad record ends the stream (the bad-record log throws there).</param>
    /// <param name="progress">Shared counters to add bytes and lines to.</param>
    /// <param name="batchSize">Exchanges per batch; lines are read and parsed ahead in chunks of this many.</param>
    /// <param name="helpers">Parsers for pool threads that share the parsing of this file's lines; null parses on the reading thread only.</param>
    /// <param name="pool">Exchanges and line chunks recycled across the reader's files: drawn on when this file's own run short, given this file's when it ends.</param>
    public FileExchangeSource(
        LogFile file, LogReaderOptions options, bool strict, LogReadProgress progress, int batchSize, ParserPool? helpers, ExchangePool pool)
    {
        _helpers = helpers;
        _pool = pool;
        _chunksAhead = helpers is null ? 0 : Math.Max(2, 4 * helpers.Parallelism);
        _batchSize = batchSize;
        _file = file;
        _progress = progress;
        _maxLineBytes = options.MaxLineBytes;
        _window = options.ReorderWindow;
        _strict = strict;
        _analyzer = options.Analyzer;
        _pending = new MinHeap<Exchange, LineOrder>(options.ReorderWindow + 2);
    }

    public LogFile File => _file;

    /// <summary>
    /// Clears <paramref name="batch"/> and fills it with the file's next exchanges; sets <see cref="ExchangeBatch.IsLast"/>
    /// at the end. <paramref name="parser"/> belongs to the calling thread (parsers are per thread, not per file).
    /// </summary>
    public void Fill(ExchangeBatch batch, ExchangeParser parser)
    {
        batch.Clear();
        long lines = 0;
        while (batch.Count < batch.Capacity && batch.BadRecords.Count < batch.Capacity)
        {
            if (_pending.Count > _window || (_inputDone && _pending.Count > 0))
            {
                Emit(batch);
            }
            else if (_inputDone)
            {
                if (_final is not null)
                {
                    batch.BadRecords.Add(new PendingBadRecord(batch.Count, _final));
                    _final = null;
                }

                batch.IsLast = true;
                break;
            }
            else
            {
                lines += ReadLine(batch, parser);
            }
        }

        var bytes = _lines?.FileBytesRead ?? _file.Length;
        _progress.Add(bytes - _bytesReported, lines);
        _bytesReported = bytes;
        if (_inputDone && _lines is not null)
        {
            // Release the decompressor and buffer as soon as the file is read; the window may still hold records.
            _progress.Add(_file.Length - _bytesReported, 0);
            _bytesReported = _file.Length;
            _lines.Dispose();
            _lines = null;
            ReleaseChunks();
        }
    }

    private void Emit(ExchangeBatch batch)
    {
        var next = _pending.Pop();
        _free.Push(batch.Items[batch.Count]);
        batch.Items[batch.Count++] = next;
    }

    /// <summary>Handles the next line (reading and parsing a chunk of lines when the last one is used up); returns lines read.</summary>
    private long ReadLine(ExchangeBatch batch, ExchangeParser parser)
    {
        long read = 0;
        if (_chunk is null || _chunk.IsEmpty)
        {
            read = NextChunk(parser);
        }

        ref var entry = ref _chunk!.Take();
        _lineNumber = entry.LineNumber;
        switch (entry.Status)
        {
            case LineStatus.Line:
                var exchange = entry.Exchange!;
                entry.Exchange = null;
                if (entry.Parsed)
                {
                    exchange.SourceLine = entry.LineNumber;
                    exchange.SourceFileIndex = _file.Index;
                    _pending.Push(exchange);
                }
                else
                {
                    _free.Push(exchange);
                    AddBad(batch, entry.Error.Kind, entry.Error.Field, entry.Error.Message);
                }

                break;
            case LineStatus.TooLong:
                AddBad(batch, BadRecordKind.LineTooLong, null, $"line is longer than {_maxLineBytes} bytes; skipped");
                break;
            case LineStatus.Truncated:
                _final = NewBad(BadRecordKind.TruncatedGzip, null, _lines!.TruncationMessage ?? "gzip data ends early");
                _inputDone = true;
                break;
            default:
                _inputDone = true;
                break;
        }

        return read;
    }

    /// <summary>
    /// Makes <see cref="_chunk"/> the next parsed chunk; returns lines read. With helpers the pool parses up to
    /// <see cref="_chunksAhead"/> chunks while this thread decompresses and reads the next, so neither waits for the other.
    /// </summary>
    private long NextChunk(ExchangeParser parser)
    {
        _lines ??= LogLineReader.Open(_file.Path, _maxLineBytes);
        if (_helpers is null)
        {
            _chunk ??= _pool.RentChunk(_batchSize);
            var lines = _chunk.Read(_lines, FreeExchanges());
            _chunk.Parse(parser, _analyzer);
            return lines;
        }

        if (_chunk is not null)
        {
            _spareChunks.Push(_chunk);
            _chunk = null;
        }

        long read = 0;
        while (_ahead.Count < _chunksAhead && !_readToEnd)
        {
            var next = _spareChunks.Count > 0 ? _spareChunks.Pop() : _pool.RentChunk(_batchSize);
            read += next.Read(_lines, FreeExchanges());
            _readToEnd = next.EndsFile;
            _ahead.Enqueue((next, StartParse(next)));
        }

        var (parsed, parsing) = _ahead.Dequeue();
        _chunk = parsed;
        parsing.GetAwaiter().GetResult();
        return read;
    }

    /// <summary>This file's idle exchanges, first topped up from the shared pool to a chunk's worth when short.</summary>
    private Stack<Exchange> FreeExchanges()
    {
        if (_free.Count < _batchSize)
        {
            _pool.TopUp(_free, _batchSize);
        }

        return _free;
    }

    private Task StartParse(LineChunk chunk)
    {
        var helpers = _helpers!;
        var analyzer = _analyzer;
        return Task.Run(() => chunk.Parse(helpers, analyzer));
    }

    /// <summary>Waits for the chunks being parsed ahead and gives their exchanges back (end of file, strict stop, dispose).</summary>
    private void DropAhead()
    {
        while (_ahead.TryDequeue(out var ahead))
        {
            try
            {
                ahead.Parse.GetAwaiter().GetResult();
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                // The file is being abandoned; what its unread chunk would have raised no longer matters.
            }

            ahead.Chunk.Discard(_free);
            _spareChunks.Push(ahead.Chunk);
        }
    }

    /// <summary>
    /// A bad line: placed at the current point of the file's output (records still in the reorder window come after
    /// it), or in strict mode held until the window is empty and the file ends there.
    /// </summary>
    private void AddBad(ExchangeBatch batch, BadRecordKind kind, string? field, string message)
    {
        var record = NewBad(kind, field, message);
        if (_strict)
        {
            _final = record;
            _inputDone = true;
            _chunk?.Discard(_free);
            DropAhead();
            return;
        }

        batch.BadRecords.Add(new PendingBadRecord(batch.Count, record));
    }

    private BadRecord NewBad(BadRecordKind kind, string? field, string message) => new(kind, _file.Path, _lineNumber, field, message);

    /// <summary>
    /// The earliest timestamp among the file's first <paramref name="records"/> valid exchanges (reading at most
    /// <paramref name="maxLines"/> lines), or null when there is none; used to open files only when the merge needs them.
    /// </summary>
    public DateTime? SniffEarliest(ExchangeParser parser, int records, int maxLines)
    {
        using var lines = LogLineReader.Open(_file.Path, _maxLineBytes);
        var probe = new Exchange();
        DateTime? earliest = null;
        var found = 0;
        for (var i = 0; i < maxLines && found < records; i++)
        {
            var status = lines.Next(out var line);
            if (status is LineStatus.End or LineStatus.Truncated)
            {
                break;
            }

            if (status == LineStatus.Line && !LineChunk.IsBlank(line) && parser.TryParse(line, probe, out _))
            {
                found++;
                earliest = earliest is { } e && e <= probe.Timestamp ? e : probe.Timestamp;
            }
        }

        return earliest;
    }

    /// <summary>Hands every chunk (with its line buffer) to the shared pool; the window may still hold records.</summary>
    private void ReleaseChunks()
    {
        DropAhead();
        if (_chunk is not null)
        {
            _chunk.Discard(_free);
            _pool.GiveBack(_chunk);
            _chunk = null;
        }

        while (_spareChunks.TryPop(out var spare))
        {
            _pool.GiveBack(spare);
        }
    }

    /// <summary>
    /// The file is done (or abandoned): hands its chunks and idle exchanges to the shared pool. The reader
    /// keeps every source until it is disposed, so a finished file must not keep its couple of thousand recycled
    /// exchanges (and the text buffers they own) for itself for the rest of the scan.
    /// </summary>
    public void Dispose()
    {
        ReleaseChunks();
        _pool.GiveBack(_free);
        _lines?.Dispose();
        _lines = null;
    }
}
