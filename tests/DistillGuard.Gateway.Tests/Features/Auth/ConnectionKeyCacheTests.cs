using System.Net;
using System.Net.Sockets;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Features.Auth;

/// <summary>
/// The gateway remembers the last key a keep-alive connection presented. These requests all travel over one TCP
/// connection (counted), which is where a remembered key could wrongly stand in for another or outlive its revocation.
/// </summary>
public sealed class ConnectionKeyCacheTests
{
    [Fact]
    public async Task OneConnection_KeyRevokedBetweenRequests_NextRequestIsRejected()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var key = await fixture.CreateKeyAsync("acct_revoked");
        var keyId = fixture.Service<DistillGuard.Gateway.Features.Store.GatewayStore>().ListKeys("acct_revoked").Single().KeyId;
        var connects = 0;
        using var client = OneConnectionClient(fixture, () => connects++);

        using var first = await client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
        using var second = await client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
        using var revoke = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Delete, $"/admin/keys/{keyId}"), ct);
        using var afterRevoke = await client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, afterRevoke.StatusCode);
        Assert.Equal(1, connects);
    }

    [Fact]
    public async Task OneConnection_KeysOfTwoAccountsAlternating_EachRequestIsChargedToItsOwnKeysAccount()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var allowed = await fixture.CreateKeyAsync("acct_allowed");
        var blocked = await fixture.CreateKeyAsync("acct_blocked");
        await fixture.SetOverrideAsync("acct_blocked", "block");
        var connects = 0;
        using var client = OneConnectionClient(fixture, () => connects++);

        var statuses = new List<HttpStatusCode>();
        foreach (var key in new[] { allowed, blocked, allowed, allowed, blocked, "dg-not-a-key", allowed })
        {
            using var response = await client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
            statuses.Add(response.StatusCode);
        }

        Assert.Equal(
            [HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized, HttpStatusCode.OK],
            statuses);
        Assert.Equal(1, connects);
    }

    [Fact]
    public async Task OneConnection_KeyWithOneCharacterChanged_IsRejected()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var key = await fixture.CreateKeyAsync("acct_k");
        var altered = key[..^1] + (key[^1] == 'A' ? 'B' : 'A');
        using var client = OneConnectionClient(fixture, () => { });

        using var valid = await client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
        using var invalid = await client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", altered, Bodies.Anthropic()), ct);

        Assert.Equal(HttpStatusCode.OK, valid.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, invalid.StatusCode);
    }

    [Fact]
    public async Task OneHttp2Connection_KeysOfTwoAccountsSentAtOnce_EachRequestIsChargedToItsOwnKeysAccount()
    {
        await using var fixture = await GatewayFixture.StartAsync(TestCertificates.ServeHttps);
        var ct = TestContext.Current.CancellationToken;
        var allowed = await fixture.CreateKeyAsync("acct_allowed");
        var blocked = await fixture.CreateKeyAsync("acct_blocked");
        await fixture.SetOverrideAsync("acct_blocked", "block");
        var connects = 0;
        using var client = OneConnectionClient(fixture, () => Interlocked.Increment(ref connects));
        client.BaseAddress = new Uri($"https://localhost:{new Uri(fixture.BaseUrl).Port}");

        // HTTP/2 runs these as streams of one connection at the same time.
        var keys = Enumerable.Range(0, 24).Select(i => (i % 3) switch { 0 => allowed, 1 => blocked, _ => "dg-not-a-key" }).ToArray();
        var responses = await Task.WhenAll(keys.Select(async key =>
        {
            using var request = GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic());
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            using var response = await client.SendAsync(request, ct);
            return (response.Version, response.StatusCode);
        }));

        Assert.All(responses, static r => Assert.Equal(HttpVersion.Version20, r.Version));
        Assert.Equal(
            keys.Select(k => k == allowed ? HttpStatusCode.OK : k == blocked ? HttpStatusCode.Forbidden : HttpStatusCode.Unauthorized),
            responses.Select(static r => r.StatusCode));
        Assert.Equal(1, connects);
    }

    /// <summary>A client that keeps one connection to the gateway and reports each time it opens one.</summary>
    private static HttpClient OneConnectionClient(GatewayFixture fixture, Action connected)
    {
        var handler = GatewayFixture.TrustingHandler();
        handler.MaxConnectionsPerServer = 1;
        handler.SslOptions.TargetHost = "localhost";
        handler.ConnectCallback = async (context, cancellationToken) =>
        {
            connected();
            var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        };

        return new HttpClient(handler) { BaseAddress = new Uri(fixture.BaseUrl) };
    }
}
