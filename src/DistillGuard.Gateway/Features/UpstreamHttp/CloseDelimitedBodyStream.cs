namespace DistillGuard.Gateway.Features.UpstreamHttp;

/// <summary>A body with neither length nor chunking: it ends when the upstream closes the connection.</summary>
internal sealed class CloseDelimitedBodyStream(Http1Connection connection) : Http1BodyStream(connection)
{
    protected override async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var read = Connection.BufferedCount > 0
            ? Connection.TakeBuffered(buffer.Span)
            : await Connection.ReceiveAsync(buffer, cancellationToken).ConfigureAwait(false);
        if (read == 0)
        {
            Finish();
        }

        return read;
    }
}
