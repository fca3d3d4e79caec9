using System.Buffers;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace DistillGuard.Core.Log;

/// <summary>Decoding the current string or property name: unescaping, and UTF-8 to UTF-16.</summary>
internal ref partial struct SpanJsonReader
{
    /// <summary>Whether the current string or property name, unescaped, is exactly <paramref name="utf8"/>.</summary>
    /// <remarks>
    /// Inlined so that the comparison with a literal is unrolled at the call: property names are matched against
    /// a chain of literals, the commonest thing the log parser does.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public readonly bool ValueTextEquals(ReadOnlySpan<byte> utf8) =>
        !ValueIsEscaped && TokenType is JsonTokenType.PropertyName or JsonTokenType.String
            ? _text.Slice(_valueStart, _valueLength).SequenceEqual(utf8)
            : EscapedValueTextEquals(utf8);

    private readonly bool EscapedValueTextEquals(ReadOnlySpan<byte> utf8)
    {
        RequireText();
        var raw = ValueSpan;

        // Unescaping never lengthens a string, so a shorter raw value cannot match.
        if (raw.Length < utf8.Length)
        {
            return false;
        }

        byte[]? rented = null;
        var buffer = raw.Length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        var length = Unescape(raw, buffer);
        var equal = length >= 0 && buffer[..length].SequenceEqual(utf8);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }

        return equal;
    }

    /// <summary>Copies the current string, unescaped, as UTF-8; returns the bytes written.</summary>
    public readonly int CopyString(Span<byte> destination)
    {
        RequireText();
        var raw = ValueSpan;
        if (!ValueIsEscaped)
        {
            raw.CopyTo(destination);
            return raw.Length;
        }

        if (destination.Length < raw.Length)
        {
            // Unescaping never lengthens a string; go through a buffer as long as the raw value only when needed.
            var buffer = ArrayPool<byte>.Shared.Rent(raw.Length);
            try
            {
                var written = Unescape(raw, buffer);
                if (written < 0)
                {
                    throw InvalidSurrogate();
                }

                buffer.AsSpan(0, written).CopyTo(destination);
                return written;
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
        }

        var length = Unescape(raw, destination);
        return length >= 0 ? length : throw InvalidSurrogate();
    }

    /// <summary>Copies the current string, unescaped, as UTF-16; returns the characters written.</summary>
    public readonly int CopyString(Span<char> destination)
    {
        RequireText();
        var raw = ValueSpan;
        var written = 0;
        while (true)
        {
            var backslash = ValueIsEscaped ? raw.IndexOf((byte)'\\') : -1;
            var plain = backslash < 0 ? raw : raw[..backslash];
            var status = Utf8.ToUtf16(plain, destination[written..], out _, out var chars, replaceInvalidSequences: false);
            if (status == OperationStatus.InvalidData)
            {
                throw new InvalidOperationException("a JSON string holds invalid UTF-8");
            }

            if (status == OperationStatus.DestinationTooSmall)
            {
                throw new ArgumentException("the destination is too short for the string", nameof(destination));
            }

            written += chars;
            if (backslash < 0)
            {
                return written;
            }

            var consumed = DecodeEscape(raw[backslash..], out var first, out var second);
            if (consumed < 0)
            {
                throw InvalidSurrogate();
            }

            if (destination.Length - written < (second == 0 ? 1 : 2))
            {
                throw new ArgumentException("the destination is too short for the string", nameof(destination));
            }

            destination[written++] = first;
            if (second != 0)
            {
                destination[written++] = second;
            }

            raw = raw[(backslash + consumed)..];
        }
    }

    /// <summary>
    /// The length in UTF-16 characters of the current string, unescaped, without copying it; the same checks as
    /// <see cref="CopyString(Span{char})"/>.
    /// </summary>
    public readonly int StringLength()
    {
        RequireText();
        var raw = ValueSpan;
        var length = 0;
        while (true)
        {
            var backslash = ValueIsEscaped ? raw.IndexOf((byte)'\\') : -1;
            var plain = backslash < 0 ? raw : raw[..backslash];
            if (!Utf8.IsValid(plain))
            {
                throw new InvalidOperationException("a JSON string holds invalid UTF-8");
            }

            length += Encoding.UTF8.GetCharCount(plain);
            if (backslash < 0)
            {
                return length;
            }

            var consumed = DecodeEscape(raw[backslash..], out _, out var second);
            if (consumed < 0)
            {
                throw InvalidSurrogate();
            }

            length += second == 0 ? 1 : 2;
            raw = raw[(backslash + consumed)..];
        }
    }

    /// <summary>The current string as a new string; null for a null token.</summary>
    public readonly string? GetString()
    {
        if (TokenType == JsonTokenType.Null)
        {
            return null;
        }

        RequireText();
        var raw = ValueSpan;
        if (!ValueIsEscaped)
        {
            return Utf8.IsValid(raw) ? Encoding.UTF8.GetString(raw) : throw new InvalidOperationException("a JSON string holds invalid UTF-8");
        }

        var buffer = ArrayPool<char>.Shared.Rent(raw.Length);
        try
        {
            return new string(buffer, 0, CopyString(buffer));
        }
        finally
        {
            ArrayPool<char>.Shared.Return(buffer);
        }
    }

    /// <summary>Unescapes <paramref name="raw"/> into UTF-8; -1 for a broken surrogate pair.</summary>
    private static int Unescape(ReadOnlySpan<byte> raw, Span<byte> destination)
    {
        var written = 0;
        while (true)
        {
            var backslash = raw.IndexOf((byte)'\\');
            var plain = backslash < 0 ? raw : raw[..backslash];
            plain.CopyTo(destination[written..]);
            written += plain.Length;
            if (backslash < 0)
            {
                return written;
            }

            var consumed = DecodeEscape(raw[backslash..], out var first, out var second);
            if (consumed < 0)
            {
                return -1;
            }

            var rune = second == 0 ? new Rune(first) : new Rune(first, second);
            written += rune.EncodeToUtf8(destination[written..]);
            raw = raw[(backslash + consumed)..];
        }
    }

    /// <summary>
    /// Decodes the escape at the start of <paramref name="escape"/> (already checked by the reader) into one
    /// UTF-16 character, or a surrogate pair; returns the bytes it took, or -1 for a broken surrogate pair.
    /// </summary>
    private static int DecodeEscape(ReadOnlySpan<byte> escape, out char first, out char second)
    {
        second = '\0';
        switch (escape[1])
        {
            case (byte)'b': first = '\b'; return 2;
            case (byte)'f': first = '\f'; return 2;
            case (byte)'n': first = '\n'; return 2;
            case (byte)'r': first = '\r'; return 2;
            case (byte)'t': first = '\t'; return 2;
            case (byte)'u': break;
            default: first = (char)escape[1]; return 2;
        }

        first = (char)Hex4(escape[2..]);
        if (char.IsLowSurrogate(first))
        {
            return -1;
        }

        if (!char.IsHighSurrogate(first))
        {
            return 6;
        }

        if (escape.Length < 12 || escape[6] != (byte)'\\' || escape[7] != (byte)'u' || !char.IsLowSurrogate(second = (char)Hex4(escape[8..])))
        {
            return -1;
        }

        return 12;
    }

    private static int Hex4(ReadOnlySpan<byte> digits)
    {
        var value = 0;
        for (var i = 0; i < 4; i++)
        {
            var b = digits[i];
            value = (value << 4) | (b <= '9' ? b - '0' : (b | 0x20) - 'a' + 10);
        }

        return value;
    }

    private static InvalidOperationException InvalidSurrogate() =>
        new("a JSON string holds a broken UTF-16 surrogate pair escape");
}
