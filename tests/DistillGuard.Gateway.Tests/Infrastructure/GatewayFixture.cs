using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace DistillGuard.Gateway.Tests.Infrastructure;

/// <summary>
/// Two stand-in upstreams (one per API shape) and the gateway in front of them, all on free loopback ports,
/// with a temporary store and log directory. Upstreams: <c>anthropic-main</c> serves <c>claude-test</c>
/// (and the suspended <c>claude-old</c>) with fallback to <c>openai-main</c>/<c>gpt-test</c>, and vice versa.
/// </summary>
internal sealed class GatewayFixture : IAsyncDisposable
{
    public const string AdminToken = "admin-token-0123456789";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private bool _stopped;

    private GatewayFixture(string root, StandInServer anthropic, StandInServer openAI, Dictionary<string, string?> settings, Action<IServiceCollection>? services)
    {
        Root = root;
        Anthropic = anthropic;
        OpenAI = openAI;
        _settings = settings;
        _services = services;
    }

    public string Root { get; }

    public string LogDirectory => Path.Combine(Root, "logs");

    public StandInServer Anthropic { get; }

    public StandInServer OpenAI { get; }

    public WebApplication App { get; private set; } = null!;

    public HttpClient Client { get; private set; } = null!;

    public string BaseUrl => App.Urls.First();

    public static async Task<GatewayFixture> StartAsync(Action<Dictionary<string, string?>>? configure = null, Action<IServiceCollection>? services = null, string? configPath = null)
    {
        var root = Directory.CreateTempSubdirectory("dg-gateway-").FullName;
        var anthropic = await StandInServer.StartAsync();
        var openAI = await StandInServer.StartAsync();
        var settings = new Dictionary<string, string?>
        {
            ["Gateway:AdminToken"] = AdminToken,
            ["Gateway:Store:Path"] = Path.Combine(root, "gateway.db"),
            ["Gateway:Store:KeyPepper"] = "pepper-for-tests-0123456789",
            ["Gateway:Log:Directory"] = Path.Combine(root, "logs"),
            ["Gateway:HealthCheckIntervalSeconds"] = "3600",
            ["Gateway:UnhealthyAfterFailures"] = "1",
            ["Gateway:Upstreams:0:Name"] = "anthropic-main",
            ["Gateway:Upstreams:0:Api"] = "anthropic.messages",
            ["Gateway:Upstreams:0:BaseUrl"] = anthropic.BaseUrl,
            ["Gateway:Upstreams:0:ApiKey"] = "upstream-secret-a",
            ["Gateway:Upstreams:0:Models:0"] = "claude-test",
            ["Gateway:Upstreams:0:Models:1"] = "claude-old",
            ["Gateway:Upstreams:0:SuspendedModels:0"] = "claude-old",
            ["Gateway:Upstreams:0:Fallback:Upstream"] = "openai-main",
            ["Gateway:Upstreams:0:Fallback:Model"] = "gpt-test",
            ["Gateway:Upstreams:1:Name"] = "openai-main",
            ["Gateway:Upstreams:1:Api"] = "openai.chat",
            ["Gateway:Upstreams:1:BaseUrl"] = openAI.BaseUrl,
            ["Gateway:Upstreams:1:ApiKey"] = "upstream-secret-o",
            ["Gateway:Upstreams:1:Models:0"] = "gpt-test",
            ["Gateway:Upstreams:1:Models:1"] = "gpt-old",
            ["Gateway:Upstreams:1:SuspendedModels:0"] = "gpt-old",
            ["Gateway:Upstreams:1:Fallback:Upstream"] = "anthropic-main",
            ["Gateway:Upstreams:1:Fallback:Model"] = "claude-test",
        };
        configure?.Invoke(settings);
        var fixture = new GatewayFixture(root, anthropic, openAI, settings, services) { ConfigPath = configPath };
        await fixture.StartGatewayAsync();
        return fixture;
    }

    /// <summary>
    /// A JSON config file read before the fixture's settings (which win over it), for settings a test changes on disk
    /// while the gateway runs (a configuration reload).
    /// </summary>
    public string? ConfigPath { get; private init; }

    /// <summary>Starts (or restarts, over the same store and log directory) the gateway.</summary>
    public async Task StartGatewayAsync()
    {
        var settings = new GatewayHostSettings { LogLevel = Microsoft.Extensions.Logging.LogLevel.Warning, ConfigureServices = _services, ConfigPath = ConfigPath };
        if (!_settings.ContainsKey("Gateway:Urls:0"))
        {
            settings.Urls.Add("http://127.0.0.1:0");
        }

        foreach (var (key, value) in _settings)
        {
            settings.Overrides[key] = value;
        }

        App = GatewayHost.Build(settings);
        await App.StartAsync(TestContext.Current.CancellationToken);
        Client = new HttpClient(TrustingHandler()) { BaseAddress = new Uri(BaseUrl) };
        _stopped = false;
    }

    /// <summary>A client handler for the gateway: over https it accepts the test's self-signed certificate.</summary>
    public static SocketsHttpHandler TrustingHandler() => new()
    {
        SslOptions = { RemoteCertificateValidationCallback = static (_, _, _, _) => true },
    };

    /// <summary>Graceful stop: in-flight requests finish, the log queue drains.</summary>
    public async Task StopGatewayAsync()
    {
        if (_stopped)
        {
            return;
        }

        _stopped = true;
        Client.Dispose();
        await App.StopAsync(CancellationToken.None);
        await App.DisposeAsync();
    }

    public T Service<T>()
        where T : notnull => App.Services.GetRequiredService<T>();

    public HttpRequestMessage Admin(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminToken);
        if (body is not null)
        {
            request.Content = JsonContent.Create(body);
        }

        return request;
    }

    /// <summary>Creates an API key for <paramref name="accountId"/> through the admin API.</summary>
    public async Task<string> CreateKeyAsync(string accountId)
    {
        using var response = await Client.SendAsync(Admin(HttpMethod.Post, "/admin/keys", new Dictionary<string, string> { ["account_id"] = accountId }), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        return doc.RootElement.GetProperty("api_key").GetString()!;
    }

    /// <summary>
    /// Waits until the engine has observed <paramref name="exchanges"/> exchanges: the gateway queues an exchange's
    /// record after the client already has the whole response. Each check is a round trip through the engine's queue.
    /// </summary>
    public async Task WaitForEngineAsync(long exchanges)
    {
        var pipeline = Service<DistillGuard.Gateway.Features.Logging.ExchangeLogPipeline>();
        for (var attempt = 0; attempt < 100_000; attempt++)
        {
            if (await pipeline.RunOnEngineAsync(static e => e.ObservedExchanges, TestContext.Current.CancellationToken) >= exchanges)
            {
                return;
            }

            await Task.Yield();
        }

        throw new TimeoutException($"the engine never observed {exchanges} exchanges");
    }

    public async Task SetOverrideAsync(string accountId, string verdict)
    {
        using var response = await Client.SendAsync(Admin(HttpMethod.Put, $"/admin/accounts/{accountId}/override", new Dictionary<string, string> { ["verdict"] = verdict, ["reason"] = "test" }), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>A model API request with the client's key in <c>x-api-key</c>.</summary>
    public static HttpRequestMessage ModelRequest(string path, string key, string json, string? userAgent = "test-client/1.0")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("x-api-key", key);
        if (userAgent is not null)
        {
            request.Headers.UserAgent.ParseAdd(userAgent);
        }

        return request;
    }

    /// <summary>All exchange records in the log directory (after the gateway has stopped, or drained).</summary>
    public List<JsonElement> ReadLog()
    {
        var records = new List<JsonElement>();
        foreach (var file in Directory.GetFiles(LogDirectory, "exchanges-*.jsonl").Order(StringComparer.Ordinal))
        {
            foreach (var line in File.ReadAllLines(file))
            {
                if (line.Length > 0)
                {
                    records.Add(JsonDocument.Parse(line).RootElement.Clone());
                }
            }
        }

        return records;
    }

    public async ValueTask DisposeAsync()
    {
        await StopGatewayAsync();
        await Anthropic.DisposeAsync();
        await OpenAI.DisposeAsync();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open on a slow shutdown; the temp directory is harmless.
        }
    }
}
