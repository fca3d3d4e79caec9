using DistillGuard.Core.Analysis;

namespace DistillGuard.Core.Log;

/// <summary>
/// Lines read ahead from one file and parsed (and analysed) together, so several threads can parse one file while
/// its decompression stays sequential. Entries come out in line order, and what an entry holds does not depend on
/// which thread parsed it, so the reader's output is the same for any thread count.
/// </summary>
internal sealed class LineChunk
{
    /// <summary>Most lines per chunk: enough parsing work (a few milliseconds) to be worth sharing between threads.</summary>
    public const int MaxCapacity = 512;

    /// <summary>Below this many lines a chunk is parsed on the reading thread alone.</summary>
    private const int MinParallelLines = 16;

    /// <summary>A chunk stops taking lines past this many bytes (a single longer line is still taken).</summary>
    private const int MaxBytes = 4 << 20;

    private readonly Entry[] _entries;
    private byte[] _bytes = [];
    private int _used;
    private int _count;
    private int _next;

    /// <param name="capacity">Lines per chunk (the reader's batch size, so read-ahead holds at most one batch more).</param>
    public LineChunk(int capacity) => _entries = new Entry[Math.Clamp(capacity, 1, MaxCapacity)];

    /// <summary>Whether every entry read has been taken.</summary>
    public bool IsEmpty => _next == _count;

    /// <summary>
    /// Reads lines until the chunk is full, the byte budget is spent or the file ends (the end, or a truncation, is
    /// the last entry). Blank lines are counted but not kept. Returns the lines read.
    /// </summary>
    public long Read(LogLineReader lines, Stack<Exchange> free)
    {
        _count = 0;
        _next = 0;
        _used = 0;
        long read = 0;
        while (_count < _entries.Length && (_used < MaxBytes || _count == 0))
        {
            var status = lines.Next(out var line);
            if (status == LineStatus.Line)
            {
                read++;
                if (IsBlank(line))
                {
                    continue;
                }

                Keep(line);
                ref var kept = ref _entries[_count - 1];
                kept.LineNumber = lines.LineNumber;
                kept.Exchange = free.Count > 0 ? free.Pop() : new Exchange();
                continue;
            }

            ref var entry = ref _entries[_count++];
            entry = new Entry { Status = status, LineNumber = lines.LineNumber };
            if (status != LineStatus.TooLong)
            {
                break;
            }
        }

        return read;
    }

    /// <summary>Whether a line holds nothing but white space (skipped, not a bad record).</summary>
    public static bool IsBlank(ReadOnlySpan<byte> line) => line.TrimStart(" \t\r"u8).IsEmpty;

    /// <summary>Whether the chunk's last entry is the end of the file (or a truncation): nothing follows it.</summary>
    public bool EndsFile => _count > 0 && _entries[_count - 1].Status is LineStatus.End or LineStatus.Truncated;

    /// <summary>Parses (and analyses) every line on the calling thread.</summary>
    public void Parse(ExchangeParser parser, IExchangeAnalyzer? analyzer) => ParseRange(0, _count, parser, analyzer);

    /// <summary>Parses (and analyses) every line with up to <see cref="ParserPool.Parallelism"/> threads and the pool's parsers.</summary>
    public void Parse(ParserPool pool, IExchangeAnalyzer? analyzer)
    {
        var lines = 0;
        for (var i = 0; i < _count; i++)
        {
            lines += _entries[i].Status == LineStatus.Line ? 1 : 0;
        }

        // More parts than threads, so a thread that drew short lines takes another part instead of waiting.
        var parts = lines < MinParallelLines ? 1 : Math.Min(pool.Parallelism * 4, lines / 8);
        if (parts == 1)
        {
            ParseWithPooledParser(pool, 0, _count, analyzer);
            return;
        }

        try
        {
            Parallel.For(0, parts, new ParallelOptions { MaxDegreeOfParallelism = pool.Parallelism }, part =>
                ParseWithPooledParser(pool, _count * part / parts, _count * (part + 1) / parts, analyzer));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // The same exception a single-threaded parse would have raised.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(e.InnerExceptions[0]);
        }
    }

    /// <summary>The next entry in line order; valid until the next <see cref="Read"/>.</summary>
    public ref Entry Take() => ref _entries[_next++];

    /// <summary>Gives back the exchanges of entries not taken (the file stopped early, in strict mode).</summary>
    public void Discard(Stack<Exchange> free)
    {
        for (; _next < _count; _next++)
        {
            if (_entries[_next].Exchange is { } unused)
            {
                free.Push(unused);
                _entries[_next].Exchange = null;
            }
        }
    }

    private void Keep(ReadOnlySpan<byte> line)
    {
        if (_bytes.Length - _used < line.Length)
        {
            Array.Resize(ref _bytes, Math.Max(Math.Max(64 * 1024, _bytes.Length * 2), _used + line.Length));
        }

        line.CopyTo(_bytes.AsSpan(_used));
        _entries[_count++] = new Entry { Status = LineStatus.Line, Start = _used, Length = line.Length };
        _used += line.Length;
    }

    private void ParseWithPooledParser(ParserPool pool, int from, int to, IExchangeAnalyzer? analyzer)
    {
        var parser = pool.Rent();
        try
        {
            ParseRange(from, to, parser, analyzer);
        }
        finally
        {
            pool.Return(parser);
        }
    }

    private void ParseRange(int from, int to, ExchangeParser parser, IExchangeAnalyzer? analyzer)
    {
        for (var i = from; i < to; i++)
        {
            ref var entry = ref _entries[i];
            if (entry.Status != LineStatus.Line)
            {
                continue;
            }

            var exchange = entry.Exchange!;
            entry.Parsed = parser.TryParse(_bytes.AsSpan(entry.Start, entry.Length), exchange, out entry.Error);
            if (entry.Parsed && analyzer is not null)
            {
                exchange.Features = analyzer.Analyze(exchange);
                exchange.AnalyzedBy = analyzer;
            }
        }
    }

    internal struct Entry
    {
        public LineStatus Status;
        public int Start;
        public int Length;
        public long LineNumber;
        public Exchange? Exchange;
        public bool Parsed;
        public ParseError Error;
    }
}
