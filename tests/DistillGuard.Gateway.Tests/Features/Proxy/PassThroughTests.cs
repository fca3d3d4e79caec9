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
}
