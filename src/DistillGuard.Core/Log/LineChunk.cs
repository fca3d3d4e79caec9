using System.Buffers;
using DistillGuard.Core.Analysis;

namespace DistillGuard.Core.Log;

/// <summary>
/// Lines read ahead from one file and parsed (and analysed) together on one pool thread; several chunks in flight
/// let several threads parse one file while its decompression stays sequential. Entries come out in line order, and
/// what an entry holds does not depend on which thread parsed it, so the reader's output is the same for any thread
/// count.
/// </summary>
internal sealed class LineChunk
{
    /// <summary>Most lines per chunk: enough parsing work (a few milliseconds) to be worth a hand-off to another thread.</summary>
    public const int MaxCapacity = 512;

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
    public void Parse(ExchangeParser parser, IExchangeAnalyzer? analyzer)
    {
        for (var i = 0; i < _count; i++)
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

    /// <summary>Parses (and analyses) every line on the calling thread with a parser from <paramref name="pool"/>.</summary>
    public void Parse(ParserPool pool, IExchangeAnalyzer? analyzer)
    {
        var parser = pool.Rent();
        try
        {
            Parse(parser, analyzer);
        }
        finally
        {
            pool.Return(parser);
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

    /// <summary>
    /// Lets go of a line buffer that an unusually long line grew past twice the byte budget, so a chunk kept for
    /// reuse holds only an ordinary one.
    /// </summary>
    public void TrimBuffer()
    {
        if (_bytes.Length > 2 * MaxBytes)
        {
            ReleaseBuffer();
        }
    }

    /// <summary>Gives the line buffer back to the shared array pool.</summary>
    private void ReleaseBuffer()
    {
        if (_bytes.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_bytes);
            _bytes = [];
        }
    }

    private void Keep(ReadOnlySpan<byte> line)
    {
        if (_bytes.Length - _used < line.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(Math.Max(64 * 1024, _bytes.Length * 2), _used + line.Length));
            _bytes.AsSpan(0, _used).CopyTo(larger);
            ReleaseBuffer();
            _bytes = larger;
        }

        line.CopyTo(_bytes.AsSpan(_used));
        _entries[_count++] = new Entry { Status = LineStatus.Line, Start = _used, Length = line.Length };
        _used += line.Length;
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
