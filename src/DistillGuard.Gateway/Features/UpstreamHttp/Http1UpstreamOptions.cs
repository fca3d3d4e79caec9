namespace DistillGuard.Gateway.Features.UpstreamHttp;

/// <summary>Connection settings of <see cref="Http1UpstreamHandler"/>; the defaults match the gateway's
/// <c>SocketsHttpHandler</c> for everything it still sends (HTTPS, HTTP/2).</summary>
internal sealed class Http1UpstreamOptions
{
    public TimeSpan ConnectTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Idle connections older than this are closed rather than reused.</summary>
    public TimeSpan IdleTimeout { get; init; } = TimeSpan.FromMinutes(1);

    public int MaxIdleConnectionsPerServer { get; init; } = 512;
}
