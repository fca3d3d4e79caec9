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
}
