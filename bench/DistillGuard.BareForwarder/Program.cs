// Usage: DistillGuard.BareForwarder LISTEN_URL UPSTREAM_BASE_URL
// Forwards every request to the upstream through YARP's IHttpForwarder and nothing else.
using System.Diagnostics;
using System.Net;
using Yarp.ReverseProxy.Forwarder;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: DistillGuard.BareForwarder LISTEN_URL UPSTREAM_BASE_URL");
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
app.Map("/{**path}", async context => await forwarder.SendAsync(context, upstream, invoker, config, HttpTransformer.Empty));
await app.RunAsync();
return 0;
