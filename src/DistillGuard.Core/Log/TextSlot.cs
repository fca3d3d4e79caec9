namespace DistillGuard.Core.Log;

/// <summary>
/// A text field of a recycled <see cref="Exchange"/>. Readers copy the characters into a buffer the field owns, so
/// reading a log does not allocate a string per record for text that every record has (the prompt, the request
/// id); <see cref="Text"/> makes the string only when something asks for it. Not thread-safe, like the exchange.
/// </summary>
internal sealed class TextSlot
{
    /// <summary>
    /// Largest buffer kept when the slot is cleared. Pooled exchanges (the gateway keeps thousands when its log queue
    /// fills) must not each hold on to the longest prompt they ever saw; a longer text gets a fresh buffer each time.
    /// </summary>
    internal const int RetainedChars = 4096;

    private char[] _chars = [];
    private int _length;

    // The assigned or materialised string; null while the text lives only in _chars, or when there is no text.
    private string? _text;
    private bool _inBuffer;

    public string? Text
    {
        get => _inBuffer ? _text ??= new string(_chars, 0, _length) : _text;
        set
        {
            _text = value;
            _inBuffer = false;
            if (_chars.Length > RetainedChars)
            {
                _chars = [];
            }
        }
    }

    /// <summary>The text without making a string; empty when there is none.</summary>
    public ReadOnlySpan<char> Span => _inBuffer ? _chars.AsSpan(0, _length) : _text.AsSpan();

    public void Copy(ReadOnlySpan<char> text)
    {
        text.CopyTo(Reserve(text.Length));
        Commit(text.Length);
    }

    /// <summary>Room for up to <paramref name="maxLength"/> characters; fill it, then <see cref="Commit"/>.</summary>
    public Span<char> Reserve(int maxLength)
    {
        if (_chars.Length < maxLength)
        {
            _chars = new char[Math.Max(maxLength, Math.Min(2 * _chars.Length, Array.MaxLength))];
        }

        return _chars.AsSpan(0, maxLength);
    }

    /// <summary>The text is the first <paramref name="length"/> characters written into <see cref="Reserve"/>'s span.</summary>
    public void Commit(int length)
    {
        _length = length;
        _text = null;
        _inBuffer = true;
    }
}
