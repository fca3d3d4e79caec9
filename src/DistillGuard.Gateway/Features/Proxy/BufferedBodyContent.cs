using System.Net;

namespace DistillGuard.Gateway.Features.Proxy;

/// <summary>
/// A request body the gateway has already read in full (to validate, log and maybe rewrite it). Unlike
/// <see cref="ReadOnlyMemoryContent"/> it shows its bytes, so the upstream client can send them with the request head
/// in one write (<see cref="UpstreamHttp.Http1UpstreamHandler"/>).
/// </summary>
internal sealed class BufferedBodyContent(ReadOnlyMemory<byte> body) : HttpContent
{
    public ReadOnlyMemory<byte> Body { get; } = body;

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(Body).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(Body, cancellationToken).AsTask();

    protected override void SerializeToStream(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.Write(Body.Span);

    protected override bool TryComputeLength(out long length)
    {
        length = Body.Length;
        return true;
    }
}
