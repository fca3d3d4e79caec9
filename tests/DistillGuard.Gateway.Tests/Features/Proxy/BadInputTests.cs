using System.Net;
using System.Text.Json;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Features.Proxy;

public sealed class BadInputTests
{
    [Theory]
    [InlineData("/v1/messages", "{\"model\":\"claude-test\",\"messages\":[", "not valid JSON")]
    [InlineData("/v1/messages", "[1,2]", "must be a JSON object")]
    [InlineData("/v1/messages", "{\"messages\":[]}", "'model'")]
    [InlineData("/v1/messages", "{\"model\":\"claude-test\"}", "'messages'")]
    [InlineData("/v1/messages", "{\"model\":\"claude-test\",\"messages\":\"hi\"}", "'messages' must be an array")]
    [InlineData("/v1/messages", "", "empty")]
    [InlineData("/v1/chat/completions", "{\"model\":\"gpt-test\",\"messages\":[", "not valid JSON")]
    [InlineData("/v1/chat/completions", "{\"messages\":[]}", "'model'")]
    [InlineData("/v1/chat/completions", "{\"model\":\"gpt-test\",\"messages\":\"hi\"}", "'messages' must be an array")]
    public async Task HandleAsync_MalformedBody_Clear400InTheApisShapeNeverForwarded(string path, string body, string expected)
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_b");
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest(path, key, body), ct);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("invalid_request_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains(expected, error.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        // Each API's own error shape: Anthropic's wraps it in {"type":"error"}, OpenAI's does not.
        Assert.Equal(path == "/v1/messages", error.RootElement.TryGetProperty("type", out var type) && type.GetString() == "error");
        Assert.Empty(fixture.Anthropic.State.Received);
        Assert.Empty(fixture.OpenAI.State.Received);
    }

    [Fact]
    public async Task HandleAsync_BodyOverLimit_Returns413NeverForwarded()
    {
        await using var fixture = await GatewayFixture.StartAsync(s => s["Gateway:MaxRequestBodyBytes"] = "2048");
        var key = await fixture.CreateKeyAsync("acct_b");

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", key, Bodies.OpenAI(prompt: new string('x', 4000))), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Empty(fixture.OpenAI.State.Received);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("dg-not-a-real-key")]
    public async Task HandleAsync_MissingOrUnknownKey_Returns401InShape(string? key)
    {
        await using var fixture = await GatewayFixture.StartAsync();
        using var request = GatewayFixture.ModelRequest("/v1/chat/completions", "placeholder", Bodies.OpenAI());
        request.Headers.Remove("x-api-key");
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + key);
        }

        using var response = await fixture.Client.SendAsync(request, TestContext.Current.CancellationToken);
        using var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("invalid_api_key", error.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(fixture.OpenAI.State.Received);
    }

    [Fact]
    public async Task HandleAsync_UnknownModel_Returns404InShape()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_b");

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(model: "nope")), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Contains("not_found_error", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }
}
