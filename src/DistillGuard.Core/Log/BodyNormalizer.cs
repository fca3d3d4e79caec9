using System.Buffers;
using System.Text.Json;

namespace DistillGuard.Core.Log;

/// <summary>
/// Reads request and response bodies of either API shape into <see cref="ExchangeRequest"/> and
/// <see cref="ExchangeResponse"/> in one forward pass with <see cref="SpanJsonReader"/>. The reading is
/// shape-agnostic (the union of both shapes normalises the same way) and gathers <see cref="ShapeEvidence"/>
/// on the way, so a record's <c>api</c> may come before or after its bodies, or not at all.
/// Bodies are read leniently: a body field of an unexpected type is ignored, because a body is whatever the
/// client sent. Used by <see cref="ExchangeParser"/> (log lines) and <see cref="ExchangeNormalizer"/> (gateway).
/// Not thread-safe: reuses its buffers.
/// </summary>
internal sealed partial class BodyNormalizer
{
    private readonly TextBuffer _message;
    private readonly TextBuffer _lastUser;
    private readonly TextBuffer _firstUser;
    private readonly TextBuffer _system;
    private readonly TextBuffer _response;
    private byte[] _scratch = new byte[1024];

    /// <param name="maxTextChars">Characters kept per text field (see <see cref="LogReaderOptions.MaxTextChars"/>).</param>
    /// <param name="maxResponseTextChars">Characters of response text kept; null means <paramref name="maxTextChars"/> (see <see cref="LogReaderOptions.MaxResponseTextChars"/>).</param>
    public BodyNormalizer(int maxTextChars, int? maxResponseTextChars)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxTextChars, 16);
        var responseChars = maxResponseTextChars ?? maxTextChars;
        ArgumentOutOfRangeException.ThrowIfNegative(responseChars, nameof(maxResponseTextChars));
        Pool = new Utf8StringPool();
        _message = new TextBuffer(maxTextChars);
        _lastUser = new TextBuffer(maxTextChars);
        _firstUser = new TextBuffer(maxTextChars);
        _system = new TextBuffer(maxTextChars);
        _response = new TextBuffer(responseChars);
    }

    public Utf8StringPool Pool { get; }

    /// <summary>The current string token as a pooled string (unescaped).</summary>
    public string PooledString(ref SpanJsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return Pool.Get(reader.ValueSpan);
        }

        var raw = reader.ValueSpan;
        if (raw.Length > _scratch.Length)
        {
            // Escaped values longer than the pool's limit are not pooled anyway; decode them directly.
            if (raw.Length > 64 * 1024)
            {
                return reader.GetString()!;
            }

            _scratch = new byte[Math.Max(raw.Length, _scratch.Length * 2)];
        }

        var written = reader.CopyString(_scratch);
        return Pool.Get(_scratch.AsSpan(0, written));
    }

    /// <summary>The current string token, unescaped, as UTF-8 bytes valid until the next call (for parsing timestamps and enums).</summary>
    public ReadOnlySpan<byte> Utf8Value(ref SpanJsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return reader.ValueSpan;
        }

        var raw = reader.ValueSpan;
        if (raw.Length > _scratch.Length)
        {
            _scratch = new byte[raw.Length];
        }

        var written = reader.CopyString(_scratch);
        return _scratch.AsSpan(0, written);
    }

    /// <summary>A string token that names a kind (type, role) into a small stack buffer; longer values read as empty.</summary>
    private static int KindValue(ref SpanJsonReader reader, scoped Span<byte> destination)
    {
        if (reader.TokenType != JsonTokenType.String || reader.ValueSpan.Length > destination.Length)
        {
            return 0;
        }

        if (!reader.ValueIsEscaped)
        {
            reader.ValueSpan.CopyTo(destination);
            return reader.ValueSpan.Length;
        }

        return reader.CopyString(destination);
    }

    private static bool IsContainer(JsonTokenType type) => type is JsonTokenType.StartObject or JsonTokenType.StartArray;

    private static readonly SearchValues<byte> LowerAscii = SearchValues.Create("abcdefghijklmnopqrstuvwxyz"u8);

    /// <summary>A country code, upper-cased (the model's contract), pooled.</summary>
    public string CountryCode(ref SpanJsonReader reader)
    {
        var value = Utf8Value(ref reader);
        if (value.Length > 8 || value.IndexOfAny(LowerAscii) < 0)
        {
            return value.Length > 8 ? PooledString(ref reader) : Pool.Get(value);
        }

        Span<byte> upper = stackalloc byte[8];
        for (var i = 0; i < value.Length; i++)
        {
            upper[i] = (byte)(value[i] is >= (byte)'a' and <= (byte)'z' ? value[i] - 32 : value[i]);
        }

        return Pool.Get(upper[..value.Length]);
    }
}
