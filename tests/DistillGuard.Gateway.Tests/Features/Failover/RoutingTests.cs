using System.Net;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Features.Failover;

/// <summary>Which upstream a request goes to when more than one serves its model: priority first, then the client's shape.</summary>
public sealed class RoutingTests
{
    [Fact]
    public async Task Route_OtherShapeHasTheLowerPriority_PriorityWinsAndTheRequestIsTranslated()
    {
        await using var fixture = await StartWithClaudeOnBothAsync(anthropicPriority: 1, openAIPriority: 0);
        var key = await fixture.CreateKeyAsync("acct_route");
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(prompt: "Route me")), ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(fixture.Anthropic.State.Received);
        Assert.Equal("/v1/chat/completions", Assert.Single(fixture.OpenAI.State.Received).Path);
        Assert.Contains("\"type\":\"message\"", body, StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("x-distillguard-failover"));
    }

    [Fact]
    public async Task Route_EqualPriorities_ClientsOwnShapeWins()
    {
        await using var fixture = await StartWithClaudeOnBothAsync(anthropicPriority: 0, openAIPriority: 0);
        var key = await fixture.CreateKeyAsync("acct_route");
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(prompt: "Route me")), ct);
        await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("/v1/messages", Assert.Single(fixture.Anthropic.State.Received).Path);
        Assert.Empty(fixture.OpenAI.State.Received);
    }

    /// <summary>The fixture's two upstreams, the OpenAI-shaped one also serving <c>claude-test</c>.</summary>
    private static Task<GatewayFixture> StartWithClaudeOnBothAsync(int anthropicPriority, int openAIPriority) =>
        GatewayFixture.StartAsync(s =>
        {
            s["Gateway:Upstreams:0:Priority"] = anthropicPriority.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s["Gateway:Upstreams:1:Priority"] = openAIPriority.ToString(System.Globalization.CultureInfo.InvariantCulture);
            s["Gateway:Upstreams:1:Models:2"] = "claude-test";
        });
}
