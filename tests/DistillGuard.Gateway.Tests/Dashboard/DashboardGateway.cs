using System.Net;
using System.Net.Http.Json;
using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Dashboard;

/// <summary>
/// The gateway test fixture (real gateway and stand-in upstreams on free 127.0.0.1 ports) with the dashboard
/// sampling fast. Campaign traffic is given to the gateway's own engine on its engine thread (the path a logged
/// exchange takes after the proxy), so the dashboard shows verdicts and campaigns the engine really reached.
/// </summary>
internal sealed class DashboardGateway : IAsyncDisposable
{
    public const string AdminToken = GatewayFixture.AdminToken;

    private DashboardGateway(GatewayFixture fixture)
    {
        Fixture = fixture;
        Address = new Uri(fixture.BaseUrl);
        Admin = new HttpClient { BaseAddress = Address };
        Admin.DefaultRequestHeaders.Authorization = new("Bearer", AdminToken);
    }

    public GatewayFixture Fixture { get; }

    public Uri Address { get; }

    /// <summary>A client of the admin API, with the token.</summary>
    public HttpClient Admin { get; }

    public static async Task<DashboardGateway> StartAsync(double sampleSeconds = 0.5)
    {
        var fixture = await GatewayFixture.StartAsync(settings =>
        {
            settings["Gateway:Dashboard:SampleIntervalSeconds"] = sampleSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            settings["Gateway:Dashboard:RefreshSeconds"] = "1";
        });
        return new DashboardGateway(fixture);
    }

    /// <summary>Registers the accounts through the admin API and feeds their exchanges to the engine in time order.</summary>
    public async Task SeedAsync(CampaignTraffic traffic)
    {
        var response = await Admin.PostAsJsonAsync("/admin/accounts", traffic.AccountsJson(), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await Fixture.Service<ExchangeLogPipeline>().RunOnEngineAsync(engine =>
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

    /// <summary>Status of one model request made with <paramref name="apiKey"/>.</summary>
    public async Task<HttpStatusCode> ModelRequestAsync(string apiKey)
    {
        using var response = await Fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", apiKey, Bodies.Anthropic()), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await Fixture.DisposeAsync();
    }

#pragma warning disable IDE1006, CA1707 // wire names of the admin API
    private sealed record FlaggedAccount(string account_id, string verdict);
#pragma warning restore IDE1006, CA1707
}
