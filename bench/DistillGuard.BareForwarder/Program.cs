// Usage: DistillGuard.BareForwarder LISTEN_URL UPSTREAM_BASE_URL [--one-write]
// Forwards every request to the upstream through YARP's IHttpForwarder and nothing else. With --one-write it first
// reads the request body and hands YARP the buffered bytes, as the gateway does (GatewayTransformer.UseBufferedBody),
// so the request goes upstream in one write instead of YARP's two (head flushed, then body).
using System.Diagnostics;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

if (args.Length is not (2 or 3) || (args.Length == 3 && args[2] != "--one-write"))
{
    Console.Error.WriteLine("usage: DistillGuard.BareForwarder LISTEN_URL UPSTREAM_BASE_URL [--one-write]");
    return 2;
}

// The socket mode the gateway verb sets for its process (GatewayHost.PreferInlineSocketCompletions), so this stays
// the floor under the gateway rather than a differently tuned process.
if (Environment.GetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS") is null)
{
    Environment.SetEnvironmentVariable("DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS", "1");
}

var builder = WebApplication.CreateSlimBuilder();
builder.Logging.ClearProviders();
builder.Services.AddHttpForwarder();
builder.WebHost.UseUrls(args[0]);
builder.WebHost.ConfigureKestrel(static k => k.AddServerHeader = false);
var app = builder.Build();

// The handler settings of the gateway's UpstreamClient.
using var invoker = new HttpMessageInvoker(new SocketsHttpHandler
{
    UseProxy = false,
    AllowAutoRedirect = false,
    AutomaticDecompression = DecompressionMethods.None,
    UseCookies = false,
    ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
    ConnectTimeout = TimeSpan.FromSeconds(5),
    PooledConnectionIdleTimeout = TimeSpan.FromMinutes(1),
});
var config = new ForwarderRequestConfig { ActivityTimeout = TimeSpan.FromMinutes(10), Version = HttpVersion.Version11, VersionPolicy = HttpVersionPolicy.RequestVersionOrLower };
var forwarder = app.Services.GetRequiredService<IHttpForwarder>();
var upstream = args[1];
app.MapGet("/healthz", static () => "ok");
HttpTransformer transformer = args.Length == 3 ? new OneWriteTransformer() : HttpTransformer.Empty;
app.Map("/{**path}", async context => await forwarder.SendAsync(context, upstream, invoker, config, transformer));
await app.RunAsync();
return 0;

/// <summary>Reads the whole request body, then sends it with the head in one write (the gateway's way).</summary>
internal sealed class OneWriteTransformer : HttpTransformer
{
    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken);
        if (proxyRequest.Content is not { } streamed)
        {
            return;
        }

        var body = new MemoryStream((int)(httpContext.Request.ContentLength ?? 1024));
        await httpContext.Request.Body.CopyToAsync(body, cancellationToken);
        var buffered = new ReadOnlyMemoryContent(body.GetBuffer().AsMemory(0, (int)body.Length));
        foreach (var (name, values) in streamed.Headers.NonValidated)
        {
            buffered.Headers.TryAddWithoutValidation(name, values);
        }

        proxyRequest.Content = buffered;
    }
}
