using System.Diagnostics;
using System.Text;

namespace DistillGuard.Core.Engine;

/// <summary>
/// The start of each buffered exchange's prompt (enough for a template's example text), kept as UTF-8 in one reused
/// buffer instead of keeping every prompt string alive until its tick closes: at gateway rates that was one surviving
/// object per exchange, and the garbage collector's pauses grew with them (docs/benchmarks.md, Gateway). UTF-8 keeps
/// the usual (ASCII) prompt in half the bytes of its characters.
/// </summary>
/// <remarks>
/// Texts lie in the order they were added, as the pending exchanges do, so the ones still pending after an
/// application move down in place (<see cref="StartCompaction"/>, <see cref="MoveDown"/>): no second buffer.
/// </remarks>
internal sealed class ExampleTexts
{
    /// <summary>Characters an example shows; a longer prompt's example ends in "…".</summary>
    public const int ExampleChars = 240;

    /// <summary>
    /// Most bytes the texts may take (1 GiB, about four million prompts): past it a prompt keeps no text. Only a gateway
    /// buffering minutes of tens of thousands of requests a second gets there; without a bound the buffer's doubling
    /// would pass the largest array .NET allows and fail the engine.
    /// </summary>
    public const int DefaultMaxBytes = 1 << 30;

    /// <summary>The length <see cref="Add"/> gives a prompt whose text was not kept (the buffer was at its bound).</summary>
    public const int Dropped = -1;

    /// <summary>Characters kept per prompt: one more than an example shows, so a cut can be marked.</summary>
    private const int KeptChars = ExampleChars + 1;

    private readonly int _maxBytes;
    private byte[] _bytes = [];
    private int _used;
    private int _compacted;

    /// <param name="maxBytes">Most bytes the texts may take (tests set a small bound).</param>
    public ExampleTexts(int maxBytes = DefaultMaxBytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxBytes);
        _maxBytes = maxBytes;
    }

    /// <summary>Bytes held for the texts now buffered.</summary>
    public int Used => _used;

    /// <summary>
    /// Keeps the first <see cref="KeptChars"/> characters of <paramref name="text"/>; returns where (start, length),
    /// or length <see cref="Dropped"/> when the buffer is at its bound.
    /// </summary>
    public (int Start, int Length) Add(ReadOnlySpan<char> text)
    {
        var kept = text[..Math.Min(text.Length, KeptChars)];

        // UTF-8 takes at most three bytes per UTF-16 character (a surrogate pair: four for two; a lone one: three).
        var most = kept.Length * 3;
        if (_bytes.Length - _used < most)
        {
            if (_used + most > _maxBytes)
            {
                return (0, Dropped);
            }

            var grown = Math.Min(Math.Max(2L * _bytes.Length, 16 * 1024), _maxBytes);
            Array.Resize(ref _bytes, (int)Math.Max(grown, _used + most));
        }

        var length = Encoding.UTF8.GetBytes(kept, _bytes.AsSpan(_used));
        var start = _used;
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
        var kept = chars[..Encoding.UTF8.GetChars(_bytes.AsSpan(start, length), chars)];
        return kept.Length <= ExampleChars ? new string(kept) : string.Concat(kept[..ExampleChars], "…");
    }

    /// <summary>Starts moving the texts still needed down to the start of the buffer, in the order they were added.</summary>
    public void StartCompaction() => _compacted = 0;

    /// <summary>Moves one text still needed down behind the ones moved before it; returns its new start.</summary>
    public int MoveDown(int start, int length)
    {
        if (length == Dropped)
        {
            return start;
        }

        Debug.Assert(start >= _compacted, "texts move down in the order they were added");
        var to = _compacted;
        _bytes.AsSpan(start, length).CopyTo(_bytes.AsSpan(to));
        _compacted += length;
        return to;
    }

    /// <summary>Forgets every text not moved down since <see cref="StartCompaction"/>.</summary>
    public void FinishCompaction() => _used = _compacted;

    /// <summary>Forgets every text and gives the buffer back (nothing is buffered any more).</summary>
    public void Release()
    {
        _used = 0;
        _compacted = 0;
        _bytes = [];
    }
}
