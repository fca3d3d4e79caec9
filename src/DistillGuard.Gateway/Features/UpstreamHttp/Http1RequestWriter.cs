using System.Buffers;
using System.Buffers.Text;
using System.Net.Http.Headers;
using System.Text;

namespace DistillGuard.Gateway.Features.UpstreamHttp;

/// <summary>
/// Writes a request line and header block for HTTP/1.1 (RFC 9112), and the body after it when there is room, so a
/// request goes out in one write. Hop-by-hop and framing fields are the writer's own: one <c>Content-Length</c>, no
/// <c>Connection</c>, <c>Keep-Alive</c>, <c>Transfer-Encoding</c>, <c>TE</c>, <c>Upgrade</c> or <c>Expect</c>.
/// </summary>
internal static class Http1RequestWriter
{
    // Controls other than tab cannot be carried in a field value; HttpHeaders' "without validation" lets them in.
    private static readonly SearchValues<char> ForbiddenInValues = SearchValues.Create(
        "\0\u0001\u0002\u0003\u0004\u0005\u0006\u0007\u0008\u000a\u000b\u000c\u000d\u000e\u000f\u0010\u0011\u0012\u0013\u0014\u0015\u0016\u0017\u0018\u0019\u001a\u001b\u001c\u001d\u001e\u001f\u007f");

    /// <summary>Writes the head (and the body, if it fits) into <paramref name="destination"/>; false when it is too
    /// small. <paramref name="bodyWritten"/> says whether the body went in too.</summary>
    public static bool TryWrite(Span<byte> destination, HttpRequestMessage request, ReadOnlySpan<byte> body, bool hasBody, out int written, out bool bodyWritten)
    {
        var writer = new SpanWriter(destination);
        var uri = request.RequestUri!;
        writer.Ascii(request.Method.Method);
        writer.Byte((byte)' ');
        writer.Ascii(uri.PathAndQuery);
        writer.Bytes(" HTTP/1.1\r\n"u8);
        if (request.Headers.Host is null)
        {
            writer.Bytes("Host: "u8);
            writer.Ascii(uri.IsDefaultPort ? uri.IdnHost : string.Concat(uri.IdnHost, ":", uri.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            writer.Bytes("\r\n"u8);
        }

        foreach (var (name, values) in request.Headers.NonValidated)
        {
            if (!IsWritersOwn(name))
            {
                WriteField(ref writer, name, values);
            }
        }

        if (request.Content is { } content)
        {
            foreach (var (name, values) in content.Headers.NonValidated)
            {
                if (!name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
                {
                    WriteField(ref writer, name, values);
                }
            }
        }

        if (hasBody || request.Method == HttpMethod.Post || request.Method == HttpMethod.Put || request.Method == HttpMethod.Patch)
        {
            writer.Bytes("Content-Length: "u8);
            writer.Int(body.Length);
            writer.Bytes("\r\n"u8);
        }

        writer.Bytes("\r\n"u8);
        if (writer.Overflowed)
        {
            written = 0;
            bodyWritten = false;
            return false;
        }

        var headLength = writer.Position;
        bodyWritten = writer.Bytes(body);
        written = bodyWritten ? writer.Position : headLength;
        return true;
    }

    private static bool IsWritersOwn(string name) =>
        name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Keep-Alive", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase)
        || name.Equals("TE", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Upgrade", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Expect", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Proxy-Connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase);

    private static void WriteField(ref SpanWriter writer, string name, HeaderStringValues values)
    {
        writer.Ascii(name);
        writer.Bytes(": "u8);
        // The separators HttpClient uses when it folds several values into one line.
        var separator = name.Equals("User-Agent", StringComparison.OrdinalIgnoreCase) ? " "
            : name.Equals("Cookie", StringComparison.OrdinalIgnoreCase) ? "; " : ", ";
        var first = true;
        foreach (var value in values)
        {
            if (!first)
            {
                writer.Ascii(separator);
            }

            first = false;
            if (value.AsSpan().ContainsAny(ForbiddenInValues))
            {
                throw new HttpRequestException(HttpRequestError.Unknown, $"The request header {name} holds a control character; it is not sent.");
            }

            writer.Latin1(value, name);
        }

        writer.Bytes("\r\n"u8);
    }

    /// <summary>Appends to a span, remembering (instead of throwing) when it ran out of room.</summary>
    private ref struct SpanWriter(Span<byte> destination)
    {
        private readonly Span<byte> _destination = destination;

        public int Position { get; private set; }

        public bool Overflowed { get; private set; }

        public bool Bytes(ReadOnlySpan<byte> bytes)
        {
            if (Overflowed || !bytes.TryCopyTo(_destination[Position..]))
            {
                Overflowed = true;
                return false;
            }

            Position += bytes.Length;
            return true;
        }

        public void Byte(byte value)
        {
            if (Overflowed || Position >= _destination.Length)
            {
                Overflowed = true;
                return;
            }

            _destination[Position++] = value;
        }

        public void Int(int value)
        {
            if (Overflowed || !Utf8Formatter.TryFormat(value, _destination[Position..], out var count))
            {
                Overflowed = true;
                return;
            }

            Position += count;
        }

        public void Ascii(string text)
        {
            if (Overflowed)
            {
                return;
            }

            switch (System.Text.Ascii.FromUtf16(text, _destination[Position..], out var count))
            {
                case OperationStatus.Done:
                    Position += count;
                    break;
                case OperationStatus.DestinationTooSmall:
                    Overflowed = true;
                    break;
                default:
                    throw new HttpRequestException(HttpRequestError.Unknown, $"\"{text}\" is not ASCII; it cannot go in a request line or field name.");
            }
        }

        public void Latin1(string text, string field)
        {
            if (Overflowed || text.Length > _destination.Length - Position)
            {
                Overflowed = true;
                return;
            }

            foreach (var c in text)
            {
                if (c > '\u00ff')
                {
                    throw new HttpRequestException(HttpRequestError.Unknown, $"The request header {field} holds a character outside Latin-1; it is not sent.");
                }
            }

            Position += Encoding.Latin1.GetBytes(text, _destination[Position..]);
        }
    }
}
