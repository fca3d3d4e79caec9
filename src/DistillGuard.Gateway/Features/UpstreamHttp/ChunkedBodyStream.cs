using System.Buffers.Text;
using System.Text;

namespace DistillGuard.Gateway.Features.UpstreamHttp;

/// <summary>
/// A body in <c>Transfer-Encoding: chunked</c>. Each read returns what has arrived of the current chunk without
/// waiting for more, so a streamed (SSE) answer reaches the client event by event. Trailer fields go to the
/// response's <see cref="HttpResponseMessage.TrailingHeaders"/>.
/// </summary>
internal sealed class ChunkedBodyStream(Http1Connection connection, HttpResponseMessage response) : Http1BodyStream(connection)
{
    private long _chunkRemaining;
    private State _state;

    private enum State
    {
        Size,
        Data,
        DataEnd,
        Trailers,
    }

    protected override async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        while (true)
        {
            switch (_state)
            {
                case State.Size:
                {
                    var (start, length) = await Connection.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                    _chunkRemaining = ParseChunkSize(Connection.Slice(start, length));
                    _state = _chunkRemaining == 0 ? State.Trailers : State.Data;
                    break;
                }

                case State.Data:
                {
                    var wanted = (int)Math.Min(buffer.Length, _chunkRemaining);
                    var read = Connection.BufferedCount > 0
                        ? Connection.TakeBuffered(buffer.Span[..wanted])
                        : await Connection.ReceiveAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
                    if (read == 0)
                    {
                        throw new IOException("The upstream closed the connection in the middle of a chunk of the response body.");
                    }

                    _chunkRemaining -= read;
                    if (_chunkRemaining == 0)
                    {
                        _state = State.DataEnd;
                    }

                    return read;
                }

                case State.DataEnd:
                {
                    var (_, length) = await Connection.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                    if (length != 0)
                    {
                        throw new IOException("The upstream's chunked response body has data after a chunk's declared size.");
                    }

                    _state = State.Size;
                    break;
                }

                default:
                {
                    var (start, length) = await Connection.ReadLineAsync(cancellationToken).ConfigureAwait(false);
                    if (length == 0)
                    {
                        Finish();
                        return 0;
                    }

                    AddTrailer(Connection.Slice(start, length));
                    break;
                }
            }
        }
    }

    private static long ParseChunkSize(ReadOnlySpan<byte> line)
    {
        // chunk-size [ chunk-ext ]: the extensions (after ';') carry nothing a proxy needs.
        var end = line.IndexOfAny((byte)';', (byte)' ', (byte)'\t');
        var digits = end < 0 ? line : line[..end];
        if (digits.IsEmpty || digits.Length > 15 || !Utf8Parser.TryParse(digits, out long size, out var consumed, 'x') || consumed != digits.Length)
        {
            throw new IOException($"The upstream's chunked response body has a malformed chunk size line \"{Encoding.Latin1.GetString(line[..Math.Min(line.Length, 40)])}\".");
        }

        return size;
    }

    private void AddTrailer(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon > 0)
        {
            response.TrailingHeaders.TryAddWithoutValidation(
                Encoding.Latin1.GetString(line[..colon]),
                Encoding.Latin1.GetString(line[(colon + 1)..].Trim(" \t"u8)));
        }
    }
}
