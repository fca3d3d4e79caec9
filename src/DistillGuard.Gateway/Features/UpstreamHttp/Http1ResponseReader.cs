using System.Buffers.Text;
using System.Net;
using System.Text;

namespace DistillGuard.Gateway.Features.UpstreamHttp;

/// <summary>
/// Reads a response head off an <see cref="Http1Connection"/> into an <see cref="HttpResponseMessage"/> whose content
/// streams the body as its framing says (RFC 9112 §6.3): none for <c>HEAD</c>, 1xx, 204 and 304; chunked; a
/// <c>Content-Length</c>; else until the connection closes.
/// </summary>
internal static class Http1ResponseReader
{
    // Header names that nearly every upstream response carries, kept as strings so they are not allocated per
    // response; matched byte for byte, so the upstream's spelling is what the client sees.
    private static readonly string[] CommonNames =
    [
        "Content-Type", "content-type", "Content-Length", "content-length", "Date", "date", "Server", "server",
        "Transfer-Encoding", "transfer-encoding", "Connection", "connection", "Cache-Control", "cache-control",
        "request-id", "x-request-id", "Vary", "vary", "Via", "via", "Keep-Alive", "keep-alive",
    ];

    public static async ValueTask<HttpResponseMessage> ReadAsync(Http1Connection connection, HttpRequestMessage request, CancellationToken cancellationToken)
    {
        while (true)
        {
            var headLength = await ReadHeadAsync(connection, cancellationToken).ConfigureAwait(false);
            var content = new Http1ResponseContent();
            var response = Parse(connection.Buffered[..headLength], request, content, out var framing, out var length, out var keepAlive);
            connection.Advance(headLength + 4);
            var status = (int)response.StatusCode;
            if (status is >= 100 and < 200 and not 101)
            {
                // An interim answer (100 Continue, 103 Early Hints): the final one follows on the same connection.
                response.Dispose();
                content.Dispose();
                continue;
            }

            connection.KeepAlive = keepAlive;
            response.Content = content;
            if (request.Method == HttpMethod.Head || status is 101 or 204 or 304 || (framing == Framing.Length && length == 0))
            {
                connection.Release();
            }
            else
            {
                content.SetBody(framing switch
                {
                    Framing.Chunked => new ChunkedBodyStream(connection, response),
                    Framing.Length => new ContentLengthBodyStream(connection, length),
                    _ => new CloseDelimitedBodyStream(connection),
                });
            }

            return response;
        }
    }

    private enum Framing
    {
        CloseDelimited,
        Length,
        Chunked,
    }

    /// <summary>Waits for a whole head; returns its length without the blank line.</summary>
    private static async ValueTask<int> ReadHeadAsync(Http1Connection connection, CancellationToken cancellationToken)
    {
        var searched = 0;
        while (true)
        {
            var end = connection.Buffered[searched..].IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return searched + end;
            }

            searched = Math.Max(0, connection.BufferedCount - 3);
            if (await connection.FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw connection.ResponseStarted
                    ? new HttpRequestException(HttpRequestError.ResponseEnded, "The upstream closed the connection in the middle of the response head.")
                    : new HttpRequestException(HttpRequestError.ResponseEnded, "The upstream closed the connection without answering.");
            }
        }
    }

    private static HttpResponseMessage Parse(ReadOnlySpan<byte> head, HttpRequestMessage request, Http1ResponseContent content, out Framing framing, out long length, out bool keepAlive)
    {
        var lineEnd = head.IndexOf("\r\n"u8);
        var statusLine = lineEnd < 0 ? head : head[..lineEnd];
        // HTTP/1.x SP 3DIGIT [SP reason]
        if (statusLine.Length < 12 || !statusLine.StartsWith("HTTP/1."u8) || statusLine[8] != (byte)' '
            || !Utf8Parser.TryParse(statusLine.Slice(9, 3), out int status, out var consumed) || consumed != 3 || status < 100
            || (statusLine.Length > 12 && statusLine[12] != (byte)' '))
        {
            throw new HttpRequestException(HttpRequestError.InvalidResponse, $"The upstream sent a malformed status line \"{Printable(statusLine)}\".");
        }

        var response = new HttpResponseMessage((HttpStatusCode)status)
        {
            RequestMessage = request,
            Version = statusLine[7] == (byte)'0' ? HttpVersion.Version10 : HttpVersion.Version11,
        };
        var reason = statusLine.Length > 13 ? statusLine[13..] : [];
        if (!Ascii.Equals(reason, response.ReasonPhrase ?? string.Empty))
        {
            response.ReasonPhrase = Encoding.Latin1.GetString(reason);
        }

        keepAlive = response.Version == HttpVersion.Version11;
        framing = Framing.CloseDelimited;
        length = -1;
        var rest = lineEnd < 0 ? [] : head[(lineEnd + 2)..];
        while (!rest.IsEmpty)
        {
            lineEnd = rest.IndexOf("\r\n"u8);
            var line = lineEnd < 0 ? rest : rest[..lineEnd];
            rest = lineEnd < 0 ? [] : rest[(lineEnd + 2)..];
            var colon = line.IndexOf((byte)':');
            if (colon <= 0 || line[0] is (byte)' ' or (byte)'\t' || line[colon - 1] is (byte)' ' or (byte)'\t')
            {
                throw new HttpRequestException(HttpRequestError.InvalidResponse, $"The upstream sent a malformed header line \"{Printable(line)}\".");
            }

            var nameBytes = line[..colon];
            var valueBytes = line[(colon + 1)..].Trim(" \t"u8);
            if (Ascii.EqualsIgnoreCase(nameBytes, "Content-Length"u8))
            {
                if (!Utf8Parser.TryParse(valueBytes, out long declared, out var used) || used != valueBytes.Length || declared < 0 || (length >= 0 && declared != length))
                {
                    throw new HttpRequestException(HttpRequestError.InvalidResponse, $"The upstream sent an invalid Content-Length \"{Printable(valueBytes)}\".");
                }

                length = declared;
                content.Headers.ContentLength = declared;
                if (framing != Framing.Chunked)
                {
                    framing = Framing.Length;
                }

                continue;
            }

            if (Ascii.EqualsIgnoreCase(nameBytes, "Transfer-Encoding"u8))
            {
                // Chunked must be the last coding; it wins over any Content-Length (RFC 9112 §6.3).
                if (valueBytes.Length >= 7 && Ascii.EqualsIgnoreCase(valueBytes[^7..], "chunked"u8))
                {
                    framing = Framing.Chunked;
                }
            }
            else if (Ascii.EqualsIgnoreCase(nameBytes, "Connection"u8))
            {
                if (ContainsToken(valueBytes, "close"u8))
                {
                    keepAlive = false;
                }
                else if (ContainsToken(valueBytes, "keep-alive"u8))
                {
                    keepAlive = true;
                }
            }

            var name = Name(nameBytes);
            var value = Encoding.Latin1.GetString(valueBytes);
            // The response's own headers refuse content headers (Content-Type, ...): those belong to the content.
            if (!response.Headers.TryAddWithoutValidation(name, value))
            {
                content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        if (framing == Framing.Chunked)
        {
            length = -1;
            content.Headers.ContentLength = null;
        }
        else if (framing == Framing.CloseDelimited)
        {
            keepAlive = false;
        }

        return response;
    }

    private static string Name(ReadOnlySpan<byte> name)
    {
        foreach (var common in CommonNames)
        {
            if (Ascii.Equals(name, common))
            {
                return common;
            }
        }

        return Encoding.Latin1.GetString(name);
    }

    /// <summary>Whether a comma-separated header value lists <paramref name="token"/> (case-insensitive).</summary>
    private static bool ContainsToken(ReadOnlySpan<byte> value, ReadOnlySpan<byte> token)
    {
        foreach (var range in value.Split((byte)','))
        {
            if (Ascii.EqualsIgnoreCase(value[range].Trim(" \t"u8), token))
            {
                return true;
            }
        }

        return false;
    }

    private static string Printable(ReadOnlySpan<byte> bytes) => Encoding.Latin1.GetString(bytes[..Math.Min(bytes.Length, 80)]);
}
