using System.Diagnostics;
using System.Text;

namespace DistillGuard.Core.Engine;

/// <summary>
/// The start of each buffered exchange's prompt (enough for a template's example text), kept as UTF-8 in reused
/// chunks instead of keeping every prompt string alive until its tick closes: at gateway rates that was one surviving
/// object per exchange, and the garbage collector's pauses grew with them (docs/benchmarks.md, Gateway). UTF-8 keeps
/// the usual (ASCII) prompt in half the bytes of its characters.
/// </summary>
/// <remarks>
/// Texts lie in the order they were added, as the pending exchanges do, so the ones still pending after an
/// application move down in place (<see cref="StartCompaction"/>, <see cref="MoveDown"/>): no second buffer. Fixed-size
/// chunks, not one array that doubles: while a live gateway's buffer fills, each doubling copied every text held and
/// touched a new array's worth of fresh pages, and each larger array counted towards the next full collection.
/// </remarks>
internal sealed class ExampleTexts
{
    /// <summary>Characters an example shows; a longer prompt's example ends in "…".</summary>
    public const int ExampleChars = 240;

    /// <summary>
    /// Most bytes the texts may take (1 GiB, about four million prompts): past it a prompt keeps no text. Only a gateway
    /// buffering minutes of tens of thousands of requests a second gets there.
    /// </summary>
    public const int DefaultMaxBytes = 1 << 30;

    /// <summary>The length <see cref="Add"/> gives a prompt whose text was not kept (the buffer was at its bound).</summary>
    public const int Dropped = -1;

    /// <summary>Characters kept per prompt: one more than an example shows, so a cut can be marked.</summary>
    private const int KeptChars = ExampleChars + 1;

    /// <summary>UTF-8 takes at most three bytes per UTF-16 character (a surrogate pair: four for two; a lone one: three).</summary>
    private const int MostBytesPerChar = 3;

    /// <summary>1 MiB: a few thousand prompts, and on the large-object heap, so a chunk is never moved by a collection.</summary>
    private const int DefaultChunkBytes = 1 << 20;

    private readonly int _maxBytes;
    private readonly int _chunkBytes;
    private readonly List<byte[]> _chunks = [];

    /// <summary>Where the next text goes; a text never spans two chunks, so the end of a chunk may be left unused.</summary>
    private int _end;
    private int _used;
    private int _compactedEnd;
    private int _compactedUsed;

    /// <param name="maxBytes">Most bytes the texts may take (tests set a small bound).</param>
    /// <param name="chunkBytes">Bytes per chunk (tests set small chunks); at most <paramref name="maxBytes"/> are used.</param>
    public ExampleTexts(int maxBytes = DefaultMaxBytes, int chunkBytes = DefaultChunkBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(chunkBytes);
        _maxBytes = maxBytes;
        _chunkBytes = Math.Min(chunkBytes, maxBytes);
    }

    /// <summary>Bytes of text held for the exchanges now buffered.</summary>
    public int Used => _used;

    /// <summary>
    /// Keeps the first <see cref="KeptChars"/> characters of <paramref name="text"/>; returns where (start, length),
    /// or length <see cref="Dropped"/> when the buffer is at its bound.
    /// </summary>
    public (int Start, int Length) Add(ReadOnlySpan<char> text)
    {
        var kept = text[..Math.Min(text.Length, KeptChars)];
        var most = kept.Length * MostBytesPerChar;
        var start = Place(_end, most);
        if ((long)start + most > _maxBytes)
        {
            return (0, Dropped);
        }

        var chunk = start / _chunkBytes;
        if (chunk == _chunks.Count)
        {
            _chunks.Add(FreshPages.Allocate<byte>(_chunkBytes));
        }

        var length = Encoding.UTF8.GetBytes(kept, _chunks[chunk].AsSpan(start % _chunkBytes));
        _end = start + length;
        _used += length;
        return (start, length);
    }

    /// <summary>The example text of the prompt kept at (<paramref name="start"/>, <paramref name="length"/>); null when it was <see cref="Dropped"/>.</summary>
    public string? Example(int start, int length)
    {
        if (length == Dropped)
        {
            return null;
        }

        // Decoding gives back the kept characters one for one (a lone surrogate at the cut comes back as U+FFFD).
        Span<char> chars = stackalloc char[KeptChars];
        var kept = chars[..Encoding.UTF8.GetChars(Bytes(start, length), chars)];
        return kept.Length <= ExampleChars ? new string(kept) : string.Concat(kept[..ExampleChars], "…");
    }

    /// <summary>Starts moving the texts still needed down to the start of the buffer, in the order they were added.</summary>
    public void StartCompaction() => (_compactedEnd, _compactedUsed) = (0, 0);

    /// <summary>Moves one text still needed down behind the ones moved before it; returns its new start.</summary>
    /// <remarks>
    /// Never past where it lay: the texts before it took no more room moved than they did where they were, so if it
    /// does not fit in the rest of the chunk it is moved to, that chunk is not its own and the next one starts no later.
    /// </remarks>
    public int MoveDown(int start, int length)
    {
        if (length == Dropped)
        {
            return start;
        }

        var to = Place(_compactedEnd, length);
        Debug.Assert(to <= start, "texts move down in the order they were added");
        Bytes(start, length).CopyTo(_chunks[to / _chunkBytes].AsSpan(to % _chunkBytes, length));
        _compactedEnd = to + length;
        _compactedUsed += length;
        return to;
    }

    /// <summary>Forgets every text not moved down since <see cref="StartCompaction"/>; the chunks are kept for the next ones.</summary>
    public void FinishCompaction() => (_end, _used) = (_compactedEnd, _compactedUsed);

    /// <summary>Forgets every text and gives the chunks back (nothing is buffered any more).</summary>
    public void Release()
    {
        (_end, _used, _compactedEnd, _compactedUsed) = (0, 0, 0, 0);
        _chunks.Clear();
        _chunks.TrimExcess();
    }

    /// <summary>Where <paramref name="bytes"/> go at or after <paramref name="position"/>: there, or the next chunk's start.</summary>
    private int Place(int position, int bytes) =>
        (position % _chunkBytes) + bytes <= _chunkBytes ? position : ((position / _chunkBytes) + 1) * _chunkBytes;

    private ReadOnlySpan<byte> Bytes(int start, int length) => _chunks[start / _chunkBytes].AsSpan(start % _chunkBytes, length);
}
