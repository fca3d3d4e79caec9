using System.Buffers.Text;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Text.Json;

namespace DistillGuard.Core.Log;

/// <summary>
/// A forward-only reader over one complete JSON text held in memory (a log line, a request body), with the
/// members of <see cref="Utf8JsonReader"/> that the log readers use and the same strictness (RFC 8259: no
/// comments, no trailing commas, no leading zeros, no control characters in strings, escapes checked, a depth
/// limit). It exists because the scan spends a large share of its time tokenising: a string with escapes
/// (every prompt with a newline) is searched with one vectorised pass per escape here, where
/// <see cref="Utf8JsonReader"/> falls back to checking it byte by byte, and one complete text needs none of the
/// incremental-reading state. Malformed text throws <see cref="JsonException"/> naming the byte offset; reading
/// a string that holds invalid UTF-8 or a broken surrogate escape throws <see cref="InvalidOperationException"/>,
/// as <see cref="Utf8JsonReader"/> does. UTF-8 is checked when a string is decoded, not when it is passed over.
/// </summary>
internal ref partial struct SpanJsonReader
{
    /// <summary>The deepest nesting <see cref="ContainerStack"/> can hold.</summary>
    public const int DepthLimit = ContainerStack.Capacity;

    private readonly ReadOnlySpan<byte> _text;
    private readonly int _maxDepth;
    private int _position;
    private int _depth;
    private ContainerStack _containers;

    /// <summary>The innermost open container is an object (kept apart from the stack: every value asks).</summary>
    private bool _inObject;
    private int _valueStart;
    private int _valueLength;

    /// <param name="text">The whole JSON text.</param>
    /// <param name="maxDepth">The deepest nesting accepted (1 to <see cref="DepthLimit"/>).</param>
    public SpanJsonReader(ReadOnlySpan<byte> text, int maxDepth = 64)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDepth, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxDepth, DepthLimit);
        _text = text;
        _maxDepth = maxDepth;
        TokenType = JsonTokenType.None;
    }

    public JsonTokenType TokenType { get; private set; }

    /// <summary>The raw bytes of the current string (without quotes, still escaped), number or literal.</summary>
    public readonly ReadOnlySpan<byte> ValueSpan => _text.Slice(_valueStart, _valueLength);

    /// <summary>True when the current string or property name holds at least one escape.</summary>
    public bool ValueIsEscaped { get; private set; }

    /// <summary>Moves to the next token; false at the end of the text after one complete value.</summary>
    public bool Read()
    {
        var position = SkipWhitespace(_position);
        if (position >= _text.Length)
        {
            if (_depth > 0 || TokenType == JsonTokenType.None)
            {
                throw Malformed(position, TokenType == JsonTokenType.None ? "the text holds no JSON value" : "the text ends inside an object or array");
            }

            _position = position;
            return false;
        }

        var next = _text[position];
        switch (TokenType)
        {
            case JsonTokenType.None:
                ReadValue(position, next);
                return true;
            case JsonTokenType.StartObject:
                if (next == (byte)'}')
                {
                    EndContainer(position, JsonTokenType.EndObject);
                }
                else
                {
                    ReadPropertyName(position, next);
                }

                return true;
            case JsonTokenType.StartArray:
                if (next == (byte)']')
                {
                    EndContainer(position, JsonTokenType.EndArray);
                }
                else
                {
                    ReadValue(position, next);
                }

                return true;
            case JsonTokenType.PropertyName:
                ReadValue(position, next);
                return true;
            default:
                ReadAfterValue(position, next);
                return true;
        }
    }

    /// <summary>
    /// Passes over the current value: from a property name, its value; from the start of an object or array, to
    /// its end (the reader then stands on the end token). Anything else stays where it is.
    /// </summary>
    public void Skip()
    {
        if (TokenType == JsonTokenType.PropertyName)
        {
            Read();
        }

        if (TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
        {
            var depth = _depth;
            do
            {
                Read();
            }
            while (_depth >= depth);
        }
    }

    public readonly bool TryGetInt32(out int value)
    {
        RequireNumber();
        return Utf8Parser.TryParse(ValueSpan, out value, out var consumed) && consumed == _valueLength;
    }

    public readonly bool TryGetDouble(out double value)
    {
        RequireNumber();
        return Utf8Parser.TryParse(ValueSpan, out value, out var consumed) && consumed == _valueLength;
    }

    private void ReadAfterValue(int position, byte next)
    {
        if (_depth == 0)
        {
            throw Malformed(position, $"'{Show(next)}' after the end of the JSON value");
        }

        var inObject = _inObject;
        if (next == (byte)',')
        {
            position = SkipWhitespace(position + 1);
            if (position >= _text.Length)
            {
                throw Malformed(position, "the text ends after a ','");
            }

            next = _text[position];
            if (next is (byte)'}' or (byte)']')
            {
                throw Malformed(position, $"a ',' before '{Show(next)}' (trailing comma)");
            }

            if (inObject)
            {
                ReadPropertyName(position, next);
            }
            else
            {
                ReadValue(position, next);
            }

            return;
        }

        if (next == (inObject ? (byte)'}' : (byte)']'))
        {
            EndContainer(position, inObject ? JsonTokenType.EndObject : JsonTokenType.EndArray);
            return;
        }

        throw Malformed(position, $"expected ',' or '{(inObject ? '}' : ']')}' but found '{Show(next)}'");
    }

    private void ReadPropertyName(int position, byte next)
    {
        if (next != (byte)'"')
        {
            throw Malformed(position, $"expected a property name in quotes but found '{Show(next)}'");
        }

        position = ReadString(position);
        position = SkipWhitespace(position);
        if (position >= _text.Length || _text[position] != (byte)':')
        {
            throw Malformed(position, "expected ':' after a property name");
        }

        _position = position + 1;
        TokenType = JsonTokenType.PropertyName;
    }

    private void ReadValue(int position, byte next)
    {
        switch (next)
        {
            case (byte)'"':
                _position = ReadString(position);
                TokenType = JsonTokenType.String;
                return;
            case (byte)'{':
                StartContainer(position, isObject: true);
                TokenType = JsonTokenType.StartObject;
                return;
            case (byte)'[':
                StartContainer(position, isObject: false);
                TokenType = JsonTokenType.StartArray;
                return;
            case (byte)'t':
                ReadLiteral(position, "true"u8, JsonTokenType.True);
                return;
            case (byte)'f':
                ReadLiteral(position, "false"u8, JsonTokenType.False);
                return;
            case (byte)'n':
                ReadLiteral(position, "null"u8, JsonTokenType.Null);
                return;
            case (byte)'-' or (>= (byte)'0' and <= (byte)'9'):
                ReadNumber(position);
                return;
            default:
                throw Malformed(position, $"'{Show(next)}' cannot start a JSON value");
        }
    }

    private void StartContainer(int position, bool isObject)
    {
        if (_depth >= _maxDepth)
        {
            throw Malformed(position, $"nesting deeper than {_maxDepth} levels");
        }

        _depth++;
        _containers.Set(_depth, isObject);
        _inObject = isObject;
        _position = position + 1;
        _valueStart = position;
        _valueLength = 1;
        ValueIsEscaped = false;
    }

    private void EndContainer(int position, JsonTokenType end)
    {
        _depth--;
        _inObject = _depth > 0 && _containers.IsObject(_depth);
        _position = position + 1;
        _valueStart = position;
        _valueLength = 1;
        ValueIsEscaped = false;
        TokenType = end;
    }

    private void ReadLiteral(int position, ReadOnlySpan<byte> literal, JsonTokenType type)
    {
        if (!_text[position..].StartsWith(literal))
        {
            throw Malformed(position, $"expected '{System.Text.Encoding.ASCII.GetString(literal)}'");
        }

        _valueStart = position;
        _valueLength = literal.Length;
        _position = position + literal.Length;
        ValueIsEscaped = false;
        TokenType = type;
    }

    /// <summary>RFC 8259's number: -? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?</summary>
    private void ReadNumber(int start)
    {
        var text = _text;
        var i = start;
        if (text[i] == (byte)'-')
        {
            i++;
        }

        if (i >= text.Length || !IsDigit(text[i]))
        {
            throw Malformed(i, "expected a digit in a number");
        }

        if (text[i] == (byte)'0')
        {
            i++;
            if (i < text.Length && IsDigit(text[i]))
            {
                throw Malformed(i, "a number with a leading zero");
            }
        }
        else
        {
            i = SkipDigits(i);
        }

        if (i < text.Length && text[i] == (byte)'.')
        {
            i++;
            if (i >= text.Length || !IsDigit(text[i]))
            {
                throw Malformed(i, "expected a digit after the decimal point");
            }

            i = SkipDigits(i);
        }

        if (i < text.Length && (text[i] | 0x20) == (byte)'e')
        {
            i++;
            if (i < text.Length && text[i] is (byte)'+' or (byte)'-')
            {
                i++;
            }

            if (i >= text.Length || !IsDigit(text[i]))
            {
                throw Malformed(i, "expected a digit in a number's exponent");
            }

            i = SkipDigits(i);
        }

        _valueStart = start;
        _valueLength = i - start;
        _position = i;
        ValueIsEscaped = false;
        TokenType = JsonTokenType.Number;
        RequireDelimiter(i);
    }

    /// <summary>Reads the string opening at <paramref name="quote"/>; returns the position after its closing quote.</summary>
    private int ReadString(int quote)
    {
        var start = quote + 1;
        if (Vector256.IsHardwareAccelerated && start <= _text.Length - Vector256<byte>.Count)
        {
            // Most strings in a log line (names, ids, roles) close within one load and hold no escape.
            var stops = StringStops.In(Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(_text), (nuint)start));
            if (stops != 0)
            {
                var end = start + BitOperations.TrailingZeroCount(stops);
                if (_text[end] == (byte)'"')
                {
                    _valueStart = start;
                    _valueLength = end - start;
                    ValueIsEscaped = false;
                    return end + 1;
                }
            }
        }

        return ReadLongString(start);
    }

    private int ReadLongString(int start)
    {
        var text = _text;
        var i = start;
        var escaped = false;
        while (true)
        {
            var stop = StringStops.IndexOf(text[i..]);
            if (stop < 0)
            {
                throw Malformed(text.Length, "a string is not closed");
            }

            i += stop;
            var b = text[i];
            if (b == (byte)'"')
            {
                break;
            }

            if (b != (byte)'\\')
            {
                throw Malformed(i, $"control character 0x{b:X2} inside a string (it must be escaped)");
            }

            escaped = true;
            i = CheckEscape(i);
        }

        _valueStart = start;
        _valueLength = i - start;
        ValueIsEscaped = escaped;
        return i + 1;
    }

    /// <summary>Checks the escape at <paramref name="backslash"/>; returns the position after it.</summary>
    private readonly int CheckEscape(int backslash)
    {
        var i = backslash + 1;
        if (i >= _text.Length)
        {
            throw Malformed(i, "a string is not closed");
        }

        switch (_text[i])
        {
            case (byte)'"' or (byte)'\\' or (byte)'/' or (byte)'b' or (byte)'f' or (byte)'n' or (byte)'r' or (byte)'t':
                return i + 1;
            case (byte)'u':
                if (i + 4 >= _text.Length || !IsHex(_text[i + 1]) || !IsHex(_text[i + 2]) || !IsHex(_text[i + 3]) || !IsHex(_text[i + 4]))
                {
                    throw Malformed(i, "'\\u' must be followed by four hexadecimal digits");
                }

                return i + 5;
            default:
                throw Malformed(i, $"'\\{Show(_text[i])}' is not a JSON escape");
        }
    }

    /// <summary>
    /// A number must end at whitespace, a separator, a closer, or the end of the text outside any container
    /// (where <see cref="Utf8JsonReader"/> also refuses it, rather than at the next read).
    /// </summary>
    private readonly void RequireDelimiter(int position)
    {
        if (position >= _text.Length && _depth > 0)
        {
            throw Malformed(position, "the text ends inside an object or array");
        }

        if (position < _text.Length && _text[position] is not ((byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)',' or (byte)'}' or (byte)']' or (byte)'/'))
        {
            throw Malformed(position, $"'{Show(_text[position])}' right after a value");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int SkipWhitespace(int position)
    {
        var text = _text;
        if ((uint)position < (uint)text.Length && text[position] > (byte)' ')
        {
            // Log lines are compact JSON: the next byte is almost never whitespace.
            return position;
        }

        while (position < text.Length && text[position] is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r')
        {
            position++;
        }

        return position;
    }

    private readonly int SkipDigits(int position)
    {
        var text = _text;
        while (position < text.Length && IsDigit(text[position]))
        {
            position++;
        }

        return position;
    }

    private readonly void RequireNumber()
    {
        if (TokenType != JsonTokenType.Number)
        {
            throw new InvalidOperationException($"cannot read a {TokenType} token as a number");
        }
    }

    private readonly void RequireText()
    {
        if (TokenType is not (JsonTokenType.String or JsonTokenType.PropertyName))
        {
            throw new InvalidOperationException($"cannot read a {TokenType} token as text");
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;

    private static bool IsHex(byte b) => IsDigit(b) || (uint)((b | 0x20) - 'a') <= 5;

    private static string Show(byte b) => b is >= 0x20 and < 0x7F ? ((char)b).ToString() : $"0x{b:X2}";

    private static JsonException Malformed(int position, string what) => new($"{what} (at byte offset {position})");

    /// <summary>Which open containers are objects, one bit per depth.</summary>
    [InlineArray(Words)]
    private struct ContainerStack
    {
        public const int Capacity = Words * 64;
        private const int Words = 4;
        private ulong _word;

        /// <summary>Records whether the container opened at <paramref name="depth"/> (1-based) is an object.</summary>
        public void Set(int depth, bool isObject)
        {
            ref var word = ref this[(depth - 1) >> 6];
            var bit = 1UL << ((depth - 1) & 63);
            word = isObject ? word | bit : word & ~bit;
        }

        public readonly bool IsObject(int depth) => (this[(depth - 1) >> 6] & (1UL << ((depth - 1) & 63))) != 0;
    }
}
