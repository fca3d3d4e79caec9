using System.Net;
using System.Text.Json;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Features.Failover;

public sealed class FailoverTests
{
    [Fact]
    public async Task HandleAsync_SuspendedAnthropicModel_TranslatedToOpenAIFallbackAndBack()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_f");
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(model: "claude-old", think: true, tools: "calc", prompt: "Hi there")), ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("openai-main/gpt-test", response.Headers.GetValues("x-distillguard-failover").Single(), StringComparison.Ordinal);
        Assert.Empty(fixture.Anthropic.State.Received);
        var (path, sent) = fixture.OpenAI.State.Received.Single();
        Assert.Equal("/v1/chat/completions", path);
        using var translated = JsonDocument.Parse(sent);
        Assert.Equal("gpt-test", translated.RootElement.GetProperty("model").GetString());
        Assert.Equal(2048, translated.RootElement.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("calc", translated.RootElement.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("Hi there", translated.RootElement.GetProperty("messages")[0].GetProperty("content").GetString());
        Assert.Equal("message", body.RootElement.GetProperty("type").GetString());
        var content = body.RootElement.GetProperty("content");
        Assert.Equal("thinking", content[0].GetProperty("type").GetString());
        Assert.Equal("Answer to: Hi there", content[1].GetProperty("text").GetString());
        Assert.Equal("tool_use", content[2].GetProperty("type").GetString());
        Assert.Equal("standin", content[2].GetProperty("input").GetProperty("query").GetString());
        Assert.Equal("tool_use", body.RootElement.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task HandleAsync_PrimaryFailingWhileStreaming_RetriedOnFallbackAsAnthropicSse()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_f");
        fixture.Anthropic.State.Failing = true;
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(stream: true, prompt: "Stream me")), ct);
        var sse = await response.Content.ReadAsStringAsync(ct);
        var health = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/upstreams"), ct);
        using var upstreams = JsonDocument.Parse(await health.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("upstream anthropic-main failed", response.Headers.GetValues("x-distillguard-failover").Single(), StringComparison.Ordinal);
        Assert.StartsWith("event: message_start", sse, StringComparison.Ordinal);
        Assert.Contains("\"text_delta\"", sse, StringComparison.Ordinal);
        Assert.Contains("event: message_stop", sse, StringComparison.Ordinal);
        Assert.False(upstreams.RootElement[0].GetProperty("healthy").GetBoolean());
        await fixture.StopGatewayAsync();
        var logged = Assert.Single(fixture.ReadLog());
        Assert.Equal("Answer to: Stream me", logged.GetProperty("response").GetProperty("content")[0].GetProperty("text").GetString());
    }

    [Fact]
    public async Task HandleAsync_UnhealthyOpenAIUpstreamAfterProbe_RoutedStraightToAnthropicFallback()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_f");
        fixture.OpenAI.State.Failing = true;
        var ct = TestContext.Current.CancellationToken;
        using var probe = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Post, "/admin/upstreams/probe"), ct);
        probe.EnsureSuccessStatusCode();

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", key, Bodies.OpenAI(stream: true, think: true, prompt: "Via claude")), ct);
        var sse = await response.Content.ReadAsStringAsync(ct);

        Assert.Empty(fixture.OpenAI.State.Received);
        Assert.Contains("unhealthy", response.Headers.GetValues("x-distillguard-failover").Single(), StringComparison.Ordinal);
        using var sent = JsonDocument.Parse(fixture.Anthropic.State.Received.Single().Body);
        Assert.Equal("Be brief.", sent.RootElement.GetProperty("system").GetString());
        Assert.Equal("enabled", sent.RootElement.GetProperty("thinking").GetProperty("type").GetString());
        Assert.Contains("\"reasoning_content\":\"Step 1", sse, StringComparison.Ordinal);
        Assert.Contains("\"content\":\"Answer to", sse, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"stop\"", sse, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", sse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_BothUpstreamsDown_Returns502InClientShape()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_f");
        fixture.OpenAI.State.Failing = true;
        fixture.Anthropic.State.Failing = true;
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", key, Bodies.OpenAI()), ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.True((int)response.StatusCode >= 500);
        Assert.True(body.RootElement.TryGetProperty("error", out _));
    }
}
