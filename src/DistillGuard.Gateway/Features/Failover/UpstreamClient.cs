using System.Diagnostics;
using System.Net;

namespace DistillGuard.Gateway.Features.Failover;

/// <summary>The one HTTP client for all upstreams, tuned for proxying (no redirects, cookies, decompression or proxy).</summary>
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
