namespace DistillGuard.Gateway.Features.UpstreamHttp;

/// <summary>A body framed by <c>Content-Length</c>.</summary>
internal sealed class ContentLengthBodyStream(Http1Connection connection, long length) : Http1BodyStream(connection)
{
    private long _remaining = length;

    protected override async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var wanted = (int)Math.Min(buffer.Length, _remaining);
        var read = Connection.BufferedCount > 0
            ? Connection.TakeBuffered(buffer.Span[..wanted])
            : await Connection.ReceiveAsync(buffer[..wanted], cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            throw new IOException($"The upstream closed the connection {_remaining} bytes before the end of the response body.");
        }

        _remaining -= read;
        if (_remaining == 0)
        {
            Finish();
        }

        return read;
    }
}
