using System.Buffers;
using System.Text;
using System.Text.Unicode;

namespace DistillGuard.Core.Log;

/// <summary>
/// A reusable, capped character buffer that JSON string values are appended to without intermediate strings.
/// Keeps at most <see cref="Cap"/> characters but counts the full length of everything appended.
/// </summary>
internal sealed class TextBuffer
{
    private char[] _chars;

    public TextBuffer(int cap)
    {
        Cap = cap;
        _chars = new char[cap];
    }

    public int Cap { get; }

    /// <summary>Characters kept (at most <see cref="Cap"/>).</summary>
    public int Length { get; private set; }

    /// <summary>Characters appended in all, including those cut off.</summary>
    public int TotalLength { get; private set; }

    public ReadOnlySpan<char> Span => _chars.AsSpan(0, Length);

    public void Clear()
    {
        Length = 0;
        TotalLength = 0;
    }

    /// <summary>Appends a newline when something was appended before (blocks and parts are joined by newlines).</summary>
    public void Separate()
    {
        if (TotalLength > 0)
        {
            Append('\n');
        }
    }

    public void Append(char c)
    {
        TotalLength++;
        if (Length < Cap)
        {
            _chars[Length++] = c;
        }
    }

    public void Append(ReadOnlySpan<char> text)
    {
        TotalLength += text.Length;
        var room = Cap - Length;
        var take = Math.Min(room, text.Length);
        text[..take].CopyTo(_chars.AsSpan(Length));
        Length += take;
    }

    /// <summary>Appends the current JSON string token of <paramref name="reader"/>, unescaped.</summary>
    public void AppendJsonString(ref SpanJsonReader reader)
    {
        var raw = reader.ValueSpan;
        if (!reader.ValueIsEscaped)
        {
            var room = _chars.AsSpan(Length);
            // Decode what fits; an incomplete trailing sequence simply stops the decode (isFinalBlock: false).
            Utf8.ToUtf16(raw, room, out var read, out var written, replaceInvalidSequences: true, isFinalBlock: raw.Length <= room.Length);
            Length += written;
            TotalLength += written;
            if (read < raw.Length)
            {
                TotalLength += Encoding.UTF8.GetCharCount(raw[read..]);
            }

            return;
        }

        if (Length == Cap)
        {
            // Full (or kept nothing, as a scan's response text): only the length counts.
            TotalLength += reader.StringLength();
            return;
        }

        // Escaped: unescaping never makes the text longer than its raw bytes.
        if (raw.Length <= Cap - Length)
        {
            var written = reader.CopyString(_chars.AsSpan(Length));
            Length += written;
            TotalLength += written;
            return;
        }

        var overflow = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            var count = reader.CopyString(overflow);
            Append(overflow.AsSpan(0, count));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(overflow);
        }
    }

    /// <summary>Swaps contents with <paramref name="other"/> without copying (both must have the same cap).</summary>
    public void SwapWith(TextBuffer other)
    {
        (_chars, other._chars) = (other._chars, _chars);
        (Length, other.Length) = (other.Length, Length);
        (TotalLength, other.TotalLength) = (other.TotalLength, TotalLength);
    }

    public void CopyFrom(TextBuffer other)
    {
        other.Span.CopyTo(_chars);
        Length = other.Length;
        TotalLength = other.TotalLength;
    }

    /// <summary>Where the buffer stands now, to <see cref="Rollback"/> to.</summary>
    public (int Length, int TotalLength) Mark() => (Length, TotalLength);

    public void Rollback((int Length, int TotalLength) mark) => (Length, TotalLength) = mark;
}
