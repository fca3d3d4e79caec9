using System.Net;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Features.RegionPolicy;

public sealed class RegionPolicyTests
{
    private static Task<GatewayFixture> StartAsync(bool trustLoopback) => GatewayFixture.StartAsync(s =>
    {
        if (trustLoopback)
        {
            s["Gateway:TrustedProxies:0"] = "127.0.0.1";
        }

        s["Gateway:Region:DenyCountries:0"] = "XX";
        s["Gateway:Region:IpTable:0:Cidr"] = "203.0.113.0/24";
        s["Gateway:Region:IpTable:0:Country"] = "XX";
        s["Gateway:Region:IpTable:1:Cidr"] = "198.51.100.0/24";
        s["Gateway:Region:IpTable:1:Country"] = "SG";
        s["Gateway:Region:IpTable:1:Asn"] = "64500";
        s["Gateway:Region:IpTable:1:AsnType"] = "hosting";
    });

    [Fact]
    public async Task HandleAsync_ForwardedForFromTrustedProxy_CountryDeniedAndNetworkLogged()
    {
        await using var fixture = await StartAsync(trustLoopback: true);
        var key = await fixture.CreateKeyAsync("acct_r");
        var ct = TestContext.Current.CancellationToken;
        using var denied = GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic());
        denied.Headers.Add("X-Forwarded-For", "203.0.113.9");
        using var hosted = GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic());
        hosted.Headers.Add("X-Forwarded-For", "198.51.100.7, 127.0.0.1");

        using var deniedResponse = await fixture.Client.SendAsync(denied, ct);
        using var hostedResponse = await fixture.Client.SendAsync(hosted, ct);
        await fixture.StopGatewayAsync();

        Assert.Equal(HttpStatusCode.Forbidden, deniedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, hostedResponse.StatusCode);
        var log = fixture.ReadLog().OrderBy(r => r.GetProperty("status").GetInt32()).ToList();
        Assert.Equal("198.51.100.7", log[0].GetProperty("ip").GetString());
        Assert.Equal("SG", log[0].GetProperty("country").GetString());
        Assert.Equal(64500, log[0].GetProperty("asn").GetInt32());
        Assert.Equal("hosting", log[0].GetProperty("asn_type").GetString());
        Assert.Equal("XX", log[1].GetProperty("country").GetString());
    }

    [Fact]
    public async Task HandleAsync_NetworksWithHostBitsAndNamesInAnotherCase_RulesStillApply()
    {
        // 127.0.0.9/8 is loopback's /8 and 198.51.100.77/24 the /24, as the engine's shared egress list reads them; the
        // log spells network types in lower case, and a rule written "Hosting" used to match no client, silently.
        await using var fixture = await GatewayFixture.StartAsync(s =>
        {
            s["Gateway:TrustedProxies:0"] = "127.0.0.9/8";
            s["Gateway:Region:DenyAsnTypes:0"] = "Hosting";
            s["Gateway:Region:IpTable:0:Cidr"] = "198.51.100.77/24";
            s["Gateway:Region:IpTable:0:AsnType"] = "HOSTING";
            s["Gateway:Region:IpTable:0:Country"] = "sg";
        });
        var key = await fixture.CreateKeyAsync("acct_r");
        var ct = TestContext.Current.CancellationToken;
        using var request = GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic());
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");

        // An edge proxy stating the network itself, in its own spelling.
        using var stated = GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic());
        stated.Headers.Add("X-Forwarded-For", "192.0.2.5");
        stated.Headers.Add("X-Client-Country", "de");
        stated.Headers.Add("X-Client-Asn-Type", "Hosting");

        using var response = await fixture.Client.SendAsync(request, ct);
        using var statedResponse = await fixture.Client.SendAsync(stated, ct);
        await fixture.StopGatewayAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, statedResponse.StatusCode);
        var log = fixture.ReadLog().OrderBy(r => r.GetProperty("ip").GetString(), StringComparer.Ordinal).ToList();
        Assert.Equal(2, log.Count);
        Assert.Equal("192.0.2.5", log[0].GetProperty("ip").GetString());
        Assert.Equal("hosting", log[0].GetProperty("asn_type").GetString());
        Assert.Equal("DE", log[0].GetProperty("country").GetString());
        Assert.Equal("198.51.100.7", log[1].GetProperty("ip").GetString());
        Assert.Equal("hosting", log[1].GetProperty("asn_type").GetString());
        Assert.Equal("SG", log[1].GetProperty("country").GetString());
    }

    [Fact]
    public async Task HandleAsync_ForwardedForFromUntrustedPeer_Ignored()
    {
        await using var fixture = await StartAsync(trustLoopback: false);
        var key = await fixture.CreateKeyAsync("acct_r");
        using var request = GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic());
        request.Headers.Add("X-Forwarded-For", "203.0.113.9");

        using var response = await fixture.Client.SendAsync(request, TestContext.Current.CancellationToken);
        await fixture.StopGatewayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("127.0.0.1", Assert.Single(fixture.ReadLog()).GetProperty("ip").GetString());
    }

    [Fact]
    public async Task HandleAsync_DeniedAndFlaggedNetworkTypes_DeniedGets403AndFlaggedIsServedAndCounted()
    {
        await using var fixture = await GatewayFixture.StartAsync(s =>
        {
            s["Gateway:TrustedProxies:0"] = "127.0.0.1";
            s["Gateway:Region:DenyAsnTypes:0"] = "proxy";
            s["Gateway:Region:FlagAsnTypes:0"] = "hosting";
            s["Gateway:Region:IpTable:0:Cidr"] = "192.0.2.0/24";
            s["Gateway:Region:IpTable:0:AsnType"] = "proxy";
            s["Gateway:Region:IpTable:1:Cidr"] = "198.51.100.0/24";
            s["Gateway:Region:IpTable:1:AsnType"] = "hosting";
        });
        var key = await fixture.CreateKeyAsync("acct_net");
        var ct = TestContext.Current.CancellationToken;
        using var proxied = GatewayFixture.ModelRequest("/v1/chat/completions", key, Bodies.OpenAI());
        proxied.Headers.Add("X-Forwarded-For", "192.0.2.44");
        using var hosted = GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic());
        hosted.Headers.Add("X-Forwarded-For", "198.51.100.7");
        using var home = GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic());

        using var proxiedResponse = await fixture.Client.SendAsync(proxied, ct);
        var proxiedBody = await proxiedResponse.Content.ReadAsStringAsync(ct);
        using var hostedResponse = await fixture.Client.SendAsync(hosted, ct);
        using var homeResponse = await fixture.Client.SendAsync(home, ct);
        var metrics = await fixture.Client.GetStringAsync("/metrics", ct);

        Assert.Equal(HttpStatusCode.Forbidden, proxiedResponse.StatusCode);
        using var error = System.Text.Json.JsonDocument.Parse(proxiedBody);
        Assert.Contains("network type", error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(fixture.OpenAI.State.Received);
        Assert.Equal(HttpStatusCode.OK, hostedResponse.StatusCode);
        Assert.Equal(HttpStatusCode.OK, homeResponse.StatusCode);
        Assert.Equal(1, PrometheusText.Value(metrics, "distillguard_gateway_flagged_network_requests_total"));
        Assert.Contains("distillguard_gateway_enforcements_total{action=\"network_deny\"} 1", metrics, StringComparison.Ordinal);
    }
}
