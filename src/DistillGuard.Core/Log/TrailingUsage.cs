using System.Text.Json;

namespace DistillGuard.Core.Log;

/// <summary>
/// Finds the token usage in the last bytes of a response too long to keep whole. Both APIs put the figures at the
/// end — the <c>usage</c> object after the content of a JSON answer, the <c>message_delta</c> or final chunk of a
/// stream — so the last few kilobytes hold them even when the body is cut for the log.
/// </summary>
public static class TrailingUsage
{
    /// <summary>
    /// Reads the last <c>"usage": {...}</c> in <paramref name="tail"/> that is a property name (not text inside a
    /// string) and whose object is whole; false when there is none.
    /// </summary>
    public static bool TryRead(ReadOnlySpan<byte> tail, out TokenUsage usage)
    {
        var key = "\"usage\""u8;
        var end = tail.Length;
        while (end > 0)
        {
            var at = tail[..end].LastIndexOf(key);
            if (at < 0)
            {
                break;
            }

            if (!IsEscaped(tail, at) && TryReadObjectAfter(tail[(at + key.Length)..], out usage))
            {
                return true;
            }

            end = at;
        }

        usage = default;
        return false;
    }

    /// <summary>A quote preceded by an odd run of backslashes is text inside a string, not a property name.</summary>
    private static bool IsEscaped(ReadOnlySpan<byte> text, int quote)
    {
        var backslashes = 0;
        for (var i = quote - 1; i >= 0 && text[i] == (byte)'\\'; i--)
        {
            backslashes++;
        }

        return backslashes % 2 == 1;
    }

    private static bool TryReadObjectAfter(ReadOnlySpan<byte> rest, out TokenUsage usage)
    {
        usage = default;
        rest = rest.TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != (byte)':')
        {
            return false;
        }

        rest = rest[1..].TrimStart(" \t\r\n"u8);
        if (rest.IsEmpty || rest[0] != (byte)'{')
        {
            return false;
        }

        try
        {
            // The reader stops at the usage object's end; what follows it in the tail is never read.
            var reader = new SpanJsonReader(rest);
            reader.Read();
            if (BodyNormalizer.ReadUsage(ref reader, strict: false) is not { } read || reader.TokenType != JsonTokenType.EndObject)
            {
                return false;
            }

            usage = read;
            return true;
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            // Cut inside the object: an earlier usage may still be whole.
            return false;
        }
    }
}
