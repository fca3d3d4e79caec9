using System.Net;

namespace DistillGuard.Gateway.Features.UpstreamHttp;

/// <summary>The content of a response read by <see cref="Http1UpstreamHandler"/>: its body stream, handed out as is.
/// Created before the body (the head's content headers go on it as they are parsed), given the body once the head
/// says how it is framed.</summary>
internal sealed class Http1ResponseContent : HttpContent
{
    private Stream _body = Stream.Null;

    public void SetBody(Stream body) => _body = body;

    protected override Stream CreateContentReadStream(CancellationToken cancellationToken) => _body;

    protected override Task<Stream> CreateContentReadStreamAsync() => Task.FromResult(_body);

    protected override Task<Stream> CreateContentReadStreamAsync(CancellationToken cancellationToken) => Task.FromResult(_body);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _body.CopyToAsync(stream);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        _body.CopyToAsync(stream, cancellationToken);

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}
