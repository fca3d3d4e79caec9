namespace DistillGuard.Core.Engine;

/// <summary>
/// The start of each buffered exchange's prompt (enough for a template's example text), copied into one reused
/// character buffer instead of keeping every prompt string alive until its tick closes: at gateway rates that was one
/// surviving object per exchange, and the garbage collector's pauses grew with them (docs/benchmarks.md, Gateway).
/// </summary>
internal sealed class ExampleTexts
{
    /// <summary>Characters kept per prompt: one more than an example shows, so a cut can be marked.</summary>
    public const int KeptChars = DetectionEngine.ExampleChars + 1;

    private char[] _chars = [];
    private int _used;

    /// <summary>Keeps the first <see cref="KeptChars"/> characters of <paramref name="text"/>; returns where (start, length).</summary>
    public (int Start, int Length) Add(ReadOnlySpan<char> text)
    {
        var length = Math.Min(text.Length, KeptChars);
        if (_chars.Length - _used < length)
        {
            Array.Resize(ref _chars, Math.Max(Math.Max(_chars.Length * 2, 16 * 1024), _used + length));
        }

        text[..length].CopyTo(_chars.AsSpan(_used));
        var start = _used;
        _used += length;
        return (start, length);
    }

    public ReadOnlySpan<char> Get(int start, int length) => _chars.AsSpan(start, length);

    /// <summary>Forgets every text; the buffer is kept for the next tick.</summary>
    public void Clear() => _used = 0;

    /// <summary>Forgets every text and gives the buffer back (nothing is buffered any more).</summary>
    public void Release()
    {
        _used = 0;
        _chars = [];
    }
}
