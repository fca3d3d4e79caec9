using System.Diagnostics;
using System.Net;
using DistillGuard.Gateway.Features.Proxy;
using DistillGuard.Gateway.Features.UpstreamHttp;

namespace DistillGuard.Gateway.Features.Failover;

/// <summary>
/// The one HTTP client for all upstreams, tuned for proxying (no redirects, cookies, decompression or proxy); request
/// bodies go out with their headers in one write (<see cref="GatewayTransformer"/>). Plain-HTTP upstreams are spoken to
/// by the gateway's own HTTP/1.1 client (<see cref="Http1UpstreamHandler"/>), the rest by <see cref="SocketsHttpHandler"/>.
/// </summary>
internal sealed class UpstreamClient(TimeProvider time) : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = new(new Http1UpstreamHandler(CreateSocketsHandler(), new Http1UpstreamOptions(), time));

    public void Dispose() => Invoker.Dispose();

    private static SocketsHttpHandler CreateSocketsHandler() => new()
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    };
}
