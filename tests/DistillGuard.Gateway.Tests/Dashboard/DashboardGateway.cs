using System.Net;
using System.Net.Http.Json;
using DistillGuard.Gateway.Features.Logging;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Gateway.Tests.Dashboard;

/// <summary>
/// A real gateway on a free 127.0.0.1 port, with its own store and log folder, for dashboard tests. Campaign
/// traffic is given to the gateway's own engine on its engine thread (the path a logged exchange takes after
/// the proxy), so the dashboard shows verdicts and campaigns the engine really reached.
/// </summary>
internal sealed class DashboardGateway : IAsyncDisposable
{
    public const string AdminToken = "dashboard-test-admin-token-0123456789";

    private readonly WebApplication _app;
    private readonly string _directory;

    private DashboardGateway(WebApplication app, string directory, Uri address)
    {
        _app = app;
        _directory = directory;
        Address = address;
        Admin = new HttpClient { BaseAddress = address };
        Admin.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
    }

    public Uri Address { get; }

    /// <summary>A client of the admin API, with the token.</summary>
    public HttpClient Admin { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<DashboardGateway> StartAsync(double sampleSeconds = 0.5)
    {
        var directory = Directory.CreateTempSubdirectory("dg-dashboard-").FullName;
        var settings = new GatewayHostSettings { LogLevel = LogLevel.Warning };
        settings.Urls.Add("http://127.0.0.1:0");
        settings.Overrides["Gateway:AdminToken"] = AdminToken;
        settings.Overrides["Gateway:Store:Path"] = Path.Combine(directory, "gateway.db");
        settings.Overrides["Gateway:Store:KeyPepper"] = "dashboard-test-pepper-0123456789";
        settings.Overrides["Gateway:Log:Directory"] = Path.Combine(directory, "logs");
        settings.Overrides["Gateway:Upstreams:0:Name"] = "model";
        settings.Overrides["Gateway:Upstreams:0:Api"] = "anthropic.messages";
        settings.Overrides["Gateway:Upstreams:0:BaseUrl"] = "http://127.0.0.1:9"; // never called: no model traffic here
        settings.Overrides["Gateway:Upstreams:0:Models:0"] = "frontier-large-2";
        settings.Overrides["Gateway:HealthCheckIntervalSeconds"] = "3600";
        settings.Overrides["Gateway:Dashboard:SampleIntervalSeconds"] = sampleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings.Overrides["Gateway:Dashboard:RefreshSeconds"] = "1";
        var app = GatewayHost.Build(settings);
        await app.StartAsync(TestContext.Current.CancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DashboardGateway(app, directory, new Uri(address));
    }

    /// <summary>Registers the accounts through the admin API and feeds their exchanges to the engine in time order.</summary>
    public async Task SeedAsync(CampaignTraffic traffic)
    {
        var response = await Admin.PostAsJsonAsync("/admin/accounts", traffic.AccountsJson(), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var pipeline = Services.GetRequiredService<ExchangeLogPipeline>();
        await pipeline.RunOnEngineAsync(engine =>
        {
            foreach (var exchange in traffic.Exchanges)
            {
                engine.Observe(exchange);
            }

            engine.Advance(traffic.End);
            return true;
        }, TestContext.Current.CancellationToken);
    }

    /// <summary>The effective verdict of each account the admin API lists as flagged or overridden.</summary>
    public async Task<Dictionary<string, string>> FlaggedAsync()
    {
        var flagged = await Admin.GetFromJsonAsync<List<FlaggedAccount>>("/admin/accounts/flagged", TestContext.Current.CancellationToken);
        return flagged!.ToDictionary(static f => f.account_id, static f => f.verdict, StringComparer.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
    }

#pragma warning disable IDE1006, CA1707 // wire names of the admin API
    private sealed record FlaggedAccount(string account_id, string verdict);
#pragma warning restore IDE1006, CA1707
}
