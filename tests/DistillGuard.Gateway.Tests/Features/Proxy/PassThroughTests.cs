using System.Text;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Features.Proxy;

public sealed class PassThroughTests
{
    [Theory]
    [InlineData("/v1/messages", false)]
    [InlineData("/v1/messages", true)]
    [InlineData("/v1/chat/completions", false)]
    [InlineData("/v1/chat/completions", true)]
    public async Task HandleAsync_AllowedAccount_BodiesPassByteForByte(string path, bool stream)
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_honest");
        var openAI = path.Contains("chat", StringComparison.Ordinal);
        var body = openAI ? Bodies.OpenAI(stream: stream, think: true, tools: "calc") : Bodies.Anthropic(stream: stream, think: true, tools: "calc");
        var upstream = openAI ? fixture.OpenAI : fixture.Anthropic;
        var ct = TestContext.Current.CancellationToken;

        using var direct = new HttpClient();
        using var directResponse = await direct.SendAsync(GatewayFixture.ModelRequest(upstream.BaseUrl + path, "unused", body), ct);
        var expected = await directResponse.Content.ReadAsByteArrayAsync(ct);
        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest(path, key, body), ct);
        var actual = await response.Content.ReadAsByteArrayAsync(ct);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(Encoding.UTF8.GetString(expected), Encoding.UTF8.GetString(actual));
        Assert.Equal(expected, actual);
        var forwarded = upstream.State.Received.Last();
        Assert.Equal(Encoding.UTF8.GetBytes(body), forwarded.Body);
        Assert.False(response.Headers.Contains("x-distillguard-failover"));
    }

    /// <summary>
    /// The gateway has read the whole body before it forwards (to validate and log it), so it sends the request line,
    /// headers and body in one write, as a buffering proxy does: the request reaches the upstream in one TCP segment.
    /// YARP's own request content flushes the headers first, which costs a write and a receive more per request.
    /// </summary>
    [Fact]
    public async Task HandleAsync_BufferedBody_ReachesTheUpstreamWithItsHeadersInOneWrite()
    {
        Assert.SkipUnless(OperatingSystem.IsLinux(), "counting a connection's TCP segments needs Linux's TCP_INFO");
        await using var upstream = new RawHttpUpstream();
        await using var fixture = await GatewayFixture.StartAsync(settings => settings["Gateway:Upstreams:0:BaseUrl"] = upstream.BaseUrl);
        var key = await fixture.CreateKeyAsync("acct_one_write");
        var body = Bodies.Anthropic(stream: false, think: false, tools: "calc");
        var ct = TestContext.Current.CancellationToken;

        using var request = GatewayFixture.ModelRequest("/v1/messages", key, body);
        request.Headers.TryAddWithoutValidation("Accept-Encoding", "gzip, br");
        using var response = await fixture.Client.SendAsync(request, ct);
        var answer = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("\"msg_raw\"", answer, StringComparison.Ordinal);
        var (received, segments) = Assert.Single(upstream.Requests);
        var text = Encoding.UTF8.GetString(received);
        Assert.StartsWith("POST /v1/messages HTTP/1.1\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("\r\n\r\n" + body, text, StringComparison.Ordinal);
        Assert.Equal(1, segments);

        // The client's key stays here, the upstream's goes there, and the answer comes back uncompressed (it is logged).
        Assert.Contains("\r\nx-api-key: upstream-secret-a\r\n", text, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.DoesNotContain("accept-encoding", text, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/v1/chat/completions")]
    [InlineData("/v1/messages")]
    public async Task HandleAsync_KeyInAuthorizationBearer_AuthenticatedAsItsAccount(string path)
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_bearer");
        var openAI = path.Contains("chat", StringComparison.Ordinal);
        var ct = TestContext.Current.CancellationToken;
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent(openAI ? Bodies.OpenAI(prompt: "Bearer me") : Bodies.Anthropic(prompt: "Bearer me"), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", key);

        using var response = await fixture.Client.SendAsync(request, ct);
        var answer = await response.Content.ReadAsStringAsync(ct);
        await fixture.StopGatewayAsync();

        Assert.Equal(200, (int)response.StatusCode);
        Assert.Contains("Answer to: Bearer me", answer, StringComparison.Ordinal);
        Assert.Single((openAI ? fixture.OpenAI : fixture.Anthropic).State.Received);
        Assert.Equal("acct_bearer", Assert.Single(fixture.ReadLog()).GetProperty("account_id").GetString());
    }
}
