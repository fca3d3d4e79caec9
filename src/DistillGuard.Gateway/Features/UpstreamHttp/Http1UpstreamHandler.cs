using System.Buffers;
using System.Collections.Concurrent;
using System.Net.Sockets;
using DistillGuard.Gateway.Features.Proxy;

namespace DistillGuard.Gateway.Features.UpstreamHttp;

/// <summary>
/// The gateway's own HTTP/1.1 client for plain-HTTP upstreams (a model server on the provider's network), under
/// YARP's forwarder. The request head and the already-read body go out in one write on a pooled keep-alive
/// connection, and the response is read through one buffer per connection. Everything else — HTTPS, HTTP/2, an
/// upgrade, a body not read in advance — goes to the inner <see cref="SocketsHttpHandler"/>.
/// Why not <see cref="SocketsHttpHandler"/> for everything: on the bench host it cost about 10 µs more CPU per
/// proxied request than this client, a seventh of the gateway's whole cost (docs/benchmarks.md, Gateway, twentieth pass).
/// </summary>
internal sealed class Http1UpstreamHandler : DelegatingHandler
{
    /// <summary>Requests up to this size are written with their body in one buffer (and one send).</summary>
    private const int OneWriteLimit = 64 * 1024;

    private readonly ConcurrentDictionary<(string Host, int Port), Http1ConnectionPool> _pools = new();
    private readonly Http1UpstreamOptions _options;
    private readonly TimeProvider _time;

    public Http1UpstreamHandler(HttpMessageHandler inner, Http1UpstreamOptions options, TimeProvider time)
        : base(inner)
    {
        _options = options;
        _time = time;
    }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
        IsPlainHttp1(request) ? SendHttp1Async(request, cancellationToken) : base.SendAsync(request, cancellationToken);

    protected override HttpResponseMessage Send(HttpRequestMessage request, CancellationToken cancellationToken) =>
        IsPlainHttp1(request) ? SendHttp1Async(request, cancellationToken).GetAwaiter().GetResult() : base.Send(request, cancellationToken);

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var pool in _pools.Values)
            {
                pool.Dispose();
            }
        }

        base.Dispose(disposing);
    }

    private static bool IsPlainHttp1(HttpRequestMessage request) =>
        request.RequestUri is { IsAbsoluteUri: true } uri
        && uri.Scheme == Uri.UriSchemeHttp
        // HTTP/2 without TLS is only ever asked for explicitly (prior knowledge); "1.1 or lower" and "2 or lower" on
        // plain HTTP both mean HTTP/1.1, as in SocketsHttpHandler.
        && (request.Version.Major <= 1 || request.VersionPolicy == HttpVersionPolicy.RequestVersionOrLower)
        && request.Content is null or BufferedBodyContent
        && request.Method != HttpMethod.Connect
        && !request.Headers.NonValidated.Contains("Upgrade");

    private async Task<HttpResponseMessage> SendHttp1Async(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var uri = request.RequestUri!;
        var pool = _pools.GetOrAdd((uri.IdnHost, uri.Port), static (key, handler) => new Http1ConnectionPool(key.Host, key.Port, handler._options, handler._time), this);
        var body = (request.Content as BufferedBodyContent)?.Body ?? ReadOnlyMemory<byte>.Empty;
        var size = Math.Min(4096 + body.Length, 4096 + OneWriteLimit);
        var buffer = ArrayPool<byte>.Shared.Rent(size);
        try
        {
            int written;
            bool bodyWritten;
            while (!Http1RequestWriter.TryWrite(buffer, request, body.Span, request.Content is not null, out written, out bodyWritten))
            {
                size = buffer.Length * 2;
                ArrayPool<byte>.Shared.Return(buffer);
                buffer = ArrayPool<byte>.Shared.Rent(size);
            }

            while (true)
            {
                var (connection, reused) = await pool.RentAsync(cancellationToken).ConfigureAwait(false);
                connection.BeginExchange();
                try
                {
                    await connection.SendAsync(buffer.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
                    if (!bodyWritten)
                    {
                        await connection.SendAsync(body, cancellationToken).ConfigureAwait(false);
                    }

                    return await Http1ResponseReader.ReadAsync(connection, request, cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (reused && !connection.ResponseStarted && !cancellationToken.IsCancellationRequested
                    && ex is SocketException or IOException or HttpRequestException { HttpRequestError: HttpRequestError.ResponseEnded })
                {
                    // A keep-alive connection the server closed while it sat in the pool: nothing was answered, so the
                    // request goes out again on another (as SocketsHttpHandler does).
                    connection.Dispose();
                }
                catch (SocketException ex)
                {
                    connection.Dispose();
                    throw new HttpRequestException(HttpRequestError.ConnectionError, $"The connection to {uri.IdnHost}:{uri.Port} failed: {ex.Message}", ex);
                }
                catch
                {
                    connection.Dispose();
                    throw;
                }
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
