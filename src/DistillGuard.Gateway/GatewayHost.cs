using DistillGuard.Gateway.Features.Admin;
using DistillGuard.Gateway.Features.Auth;
using DistillGuard.Gateway.Features.Dashboard;
using DistillGuard.Gateway.Features.Detection;
using DistillGuard.Gateway.Features.Enforcement;
using DistillGuard.Gateway.Features.Failover;
using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Features.Proxy;
using DistillGuard.Gateway.Features.RegionPolicy;
using DistillGuard.Gateway.Features.Reload;
using DistillGuard.Gateway.Features.TlsFingerprint;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway;

/// <summary>
/// Composition root of the gateway: reads configuration (JSON file, then <c>DISTILLGUARD_</c> environment
/// variables, then overrides) and composes the feature modules. Request logic lives in the features.
/// </summary>
public static class GatewayHost
{
    /// <summary>The .NET runtime's switch for running socket completions on its event threads.</summary>
    public const string InlineSocketCompletionsVariable = "DOTNET_SYSTEM_NET_SOCKETS_INLINE_COMPLETIONS";

    /// <summary>
    /// Has this process run socket completions on the runtime's socket event threads (one per core) instead of
    /// handing each one to the thread pool, unless the environment already chose (set the variable to <c>0</c> to
    /// keep the thread pool hop). Every proxied request completes four socket operations (client read, upstream
    /// send and read, client write); on a small machine each hop is a thread switch, and without them the gateway
    /// serves more requests per second for the same CPU (docs/benchmarks.md, Gateway, ninth pass). Safe here because
    /// nothing on the request path blocks a thread: the log queue is awaited, the key index and buckets hold
    /// short locks only. The runtime reads the variable once, when the process registers its first socket, so
    /// this must run before anything opens one; it is for the <c>gateway</c> verb's process, not for a host
    /// embedded in another application.
    /// </summary>
    public static void PreferInlineSocketCompletions()
    {
        if (Environment.GetEnvironmentVariable(InlineSocketCompletionsVariable) is null)
        {
            Environment.SetEnvironmentVariable(InlineSocketCompletionsVariable, "1");
        }
    }

    /// <summary>Builds a ready-to-run gateway application.</summary>
    public static WebApplication Build(GatewayHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.Sources.Clear();
        AddConfigurationSources(builder.Configuration, settings.ConfigPath);
        builder.Configuration.AddInMemoryCollection(settings.Overrides);
        builder.Logging.ClearProviders();
        // Read here, before options exist, because the logger is built first; GatewayOptions validates the value.
        if (string.Equals(builder.Configuration[$"{GatewayOptions.SectionName}:{nameof(GatewayOptions.LogFormat)}"], GatewayOptions.JsonLogFormat, StringComparison.Ordinal))
        {
            builder.Logging.AddJsonConsole(static o =>
            {
                o.UseUtcTimestamp = true;
                o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            });
        }
        else
        {
            builder.Logging.AddSimpleConsole(static o => o.SingleLine = true);
        }

        builder.Logging.SetMinimumLevel(settings.LogLevel);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Yarp", LogLevel.Warning);

        // Hosting's diagnostics logger only writes per-request start/finish lines (Information/Debug, already
        // filtered out above), but while it is enabled at all, hosting opens a log scope and starts an Activity for
        // every request, and HttpClient then starts a child Activity for every upstream call (random trace ids
        // from OpenSSL). Nothing here reads them; turning the category off removes that cost from the hot path.
        builder.Logging.AddFilter("Microsoft.AspNetCore.Hosting.Diagnostics", LogLevel.None);

        builder.AddDistillGuardGateway();
        settings.ConfigureServices?.Invoke(builder.Services);

        var urls = settings.Urls.Count > 0 ? [.. settings.Urls] : builder.Configuration.GetSection("Gateway:Urls").Get<string[]>() ?? [];
        if (settings.Urls.Count > 0)
        {
            // URLs given to the host (the CLI's --urls) win over Gateway:Urls, for validation (an https URL needs
            // Gateway:Tls) as for listening.
            builder.Services.PostConfigure<GatewayOptions>(o => o.Urls = [.. settings.Urls]);
        }

        builder.WebHost.UseUrls(urls.Length > 0 ? urls : ["http://127.0.0.1:8080"]);

        var app = builder.Build();
        app.UseDistillGuardGateway();
        return app;
    }

    /// <summary>
    /// Where the gateway's settings come from, in order (later wins): the JSON file, if any, then environment
    /// variables with the <c>DISTILLGUARD_</c> prefix. Shared with <c>scan --gateway-config</c>, so both read one policy.
    /// </summary>
    /// <exception cref="InvalidDataException">The file does not parse; the message names it, the line and the byte.</exception>
    internal static void AddConfigurationSources(IConfigurationBuilder configuration, string? configPath)
    {
        if (configPath is not null)
        {
            var fullPath = Path.GetFullPath(configPath);
            // A missing file is left to the reader, whose error names it.
            if (File.Exists(fullPath) && ConfigFileSyntax.Problem(fullPath) is { } problem)
            {
                throw new InvalidDataException($"{fullPath}: {problem}");
            }

            configuration.AddJsonFile(fullPath, optional: false, reloadOnChange: false);
        }

        configuration.AddEnvironmentVariables("DISTILLGUARD_");
    }

    /// <summary>Registers the gateway's options and every feature.</summary>
    public static WebApplicationBuilder AddDistillGuardGateway(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<GatewayOptions>()
            .Bind(builder.Configuration.GetSection(GatewayOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayAnnotationValidator>();
        services.AddSingleton<IValidateOptions<GatewayOptions>, GatewayOptionsValidator>();
        services.ConfigureHttpJsonOptions(static o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, GatewayJsonContext.Default));
        services.TryAddSingleton(TimeProvider.System);
        services.Configure<HostOptions>(static o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.WebHost.UseGatewayTls();
        builder.WebHost.ConfigureKestrel(static (context, kestrel) =>
        {
            var max = context.Configuration.GetValue<int?>("Gateway:MaxRequestBodyBytes") ?? new GatewayOptions().MaxRequestBodyBytes;
            kestrel.Limits.MaxRequestBodySize = max + 1L;
            kestrel.AddServerHeader = false;
        });

        services
            .AddGatewayOperations()
            .AddGatewayAuth()
            .AddGatewayExchangeLog()
            .AddGatewayDetection()
            .AddGatewayEnforcement()
            .AddGatewayRegionPolicy()
            .AddGatewayFailover()
            .AddGatewayAdmin()
            .AddGatewayDashboard()
            .AddGatewayProxy()
            .AddGatewayReload();
        return builder;
    }

    /// <summary>Maps the model APIs, the admin API and the operations endpoints.</summary>
    public static WebApplication UseDistillGuardGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapModelApis();
        app.MapAdmin();
        app.MapDashboard();
        app.MapOperations();
        return app;
    }
}
