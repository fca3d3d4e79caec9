using System.Diagnostics;
using System.Net;
using DistillGuard.Gateway.Features.Proxy;

namespace DistillGuard.Gateway.Features.Failover;

/// <summary>
/// The one HTTP client for all upstreams, tuned for proxying (no redirects, cookies, decompression or proxy); request
/// bodies go out with their headers in one write (<see cref="GatewayTransformer"/>).
/// </summary>
internal sealed class UpstreamClient : IDisposable
{
    public HttpMessageInvoker Invoker { get; } = new(new SocketsHttpHandler
    {
        UseProxy = false,
        AllowAutoRedirect = false,
        AutomaticDecompression = DecompressionMethods.None,
        UseCookies = false,
        EnableMultipleHttp2Connections = true,
        ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        ConnectTimeout = TimeSpan.FromSeconds(5),
        PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
    });

    public void Dispose() => Invoker.Dispose();
}
