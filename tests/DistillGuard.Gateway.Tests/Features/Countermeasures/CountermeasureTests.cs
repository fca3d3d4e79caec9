using System.Text;
using System.Text.Json;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Features.Countermeasures;

public sealed class CountermeasureTests
{
    private static Task<GatewayFixture> StartWithReviewCountermeasures(string reasoning, int cap = 256) => GatewayFixture.StartAsync(s =>
    {
        s["Gateway:Countermeasures:Review:Reasoning"] = reasoning;
        s["Gateway:Countermeasures:Review:MaxTokensCap"] = cap.ToString(System.Globalization.CultureInfo.InvariantCulture);
        s["Gateway:Countermeasures:Review:DecoyTools"] = "true";
        s["Gateway:Countermeasures:Review:DecoyToolNames:0"] = "internal_lookup";
    });

    /// <summary>A key for an account an operator put at review, so the review countermeasures apply to it.</summary>
    private static async Task<string> SuspectKeyAsync(GatewayFixture fixture)
    {
        var key = await fixture.CreateKeyAsync("acct_sus");
        await fixture.SetOverrideAsync("acct_sus", "review");
        return key;
    }

    [Fact]
    public async Task HandleAsync_SuspectAnthropic_DropsThinkingCapsTokensAndStripsDecoyCall()
    {
        await using var fixture = await StartWithReviewCountermeasures("Drop");
        var key = await SuspectKeyAsync(fixture);
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(think: true, maxTokens: 8000)), ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        using var forwarded = JsonDocument.Parse(fixture.Anthropic.State.Received.Single().Body);
        Assert.Equal(256, forwarded.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.False(forwarded.RootElement.TryGetProperty("thinking", out _));
        Assert.Equal("internal_lookup", forwarded.RootElement.GetProperty("tools")[0].GetProperty("name").GetString());
        var content = body.RootElement.GetProperty("content");
        Assert.Equal(1, content.GetArrayLength());
        Assert.Equal("text", content[0].GetProperty("type").GetString());
        Assert.Equal("end_turn", body.RootElement.GetProperty("stop_reason").GetString());
    }

    [Fact]
    public async Task HandleAsync_SuspectsOwnToolNamedLikeTheDecoy_NoSecondToolAndItsOwnCallKept()
    {
        // The client's agent has a tool of the decoy's name: a second definition would make the upstream refuse the
        // request, and stripping calls by name would take the client's own call away.
        await using var fixture = await StartWithReviewCountermeasures("Keep");
        var key = await SuspectKeyAsync(fixture);
        var ct = TestContext.Current.CancellationToken;

        using var anthropic = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(tools: "internal_lookup")), ct);
        using var openAI = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", key, Bodies.OpenAI(tools: "internal_lookup")), ct);
        using var anthropicBody = JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync(ct));
        using var openAIBody = JsonDocument.Parse(await openAI.Content.ReadAsStringAsync(ct));

        using var forwarded = JsonDocument.Parse(fixture.Anthropic.State.Received.Single().Body);
        var tool = Assert.Single(forwarded.RootElement.GetProperty("tools").EnumerateArray());
        Assert.Equal("d", tool.GetProperty("description").GetString());
        var call = Assert.Single(anthropicBody.RootElement.GetProperty("content").EnumerateArray(), b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal("internal_lookup", call.GetProperty("name").GetString());
        Assert.Equal("tool_use", anthropicBody.RootElement.GetProperty("stop_reason").GetString());

        using var forwardedOpenAI = JsonDocument.Parse(fixture.OpenAI.State.Received.Single().Body);
        Assert.Single(forwardedOpenAI.RootElement.GetProperty("tools").EnumerateArray());
        var message = openAIBody.RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("internal_lookup", Assert.Single(message.GetProperty("tool_calls").EnumerateArray()).GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task HandleAsync_SuspectRequiresAToolCall_NoDecoyAndItsOwnToolCalled()
    {
        // The stand-in calls the last tool declared: were the decoy appended, it would be called and stripped, and a
        // client that required a tool call would get none.
        await using var fixture = await StartWithReviewCountermeasures("Keep");
        var key = await SuspectKeyAsync(fixture);
        var ct = TestContext.Current.CancellationToken;
        var anthropicBody = Bodies.Anthropic(tools: "run_tests").Replace("\"messages\"", "\"tool_choice\":{\"type\":\"any\"},\"messages\"", StringComparison.Ordinal);
        var openAIBody = Bodies.OpenAI(tools: "run_tests").Replace("\"messages\"", "\"tool_choice\":\"required\",\"messages\"", StringComparison.Ordinal);

        using var anthropic = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, anthropicBody), ct);
        using var openAI = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", key, openAIBody), ct);
        using var anthropicAnswer = JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync(ct));
        using var openAIAnswer = JsonDocument.Parse(await openAI.Content.ReadAsStringAsync(ct));

        using var forwarded = JsonDocument.Parse(fixture.Anthropic.State.Received.Single().Body);
        Assert.Equal("run_tests", Assert.Single(forwarded.RootElement.GetProperty("tools").EnumerateArray()).GetProperty("name").GetString());
        var call = Assert.Single(anthropicAnswer.RootElement.GetProperty("content").EnumerateArray(), b => b.GetProperty("type").GetString() == "tool_use");
        Assert.Equal("run_tests", call.GetProperty("name").GetString());
        using var forwardedOpenAI = JsonDocument.Parse(fixture.OpenAI.State.Received.Single().Body);
        Assert.Single(forwardedOpenAI.RootElement.GetProperty("tools").EnumerateArray());
        var message = openAIAnswer.RootElement.GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("run_tests", Assert.Single(message.GetProperty("tool_calls").EnumerateArray()).GetProperty("function").GetProperty("name").GetString());
    }

    [Fact]
    public async Task HandleAsync_SuspectAnthropicStream_SummarizesThinkingAndStripsDecoyInsideSse()
    {
        await using var fixture = await StartWithReviewCountermeasures("Summarize", cap: 4000);
        var key = await SuspectKeyAsync(fixture);
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(stream: true, think: true, maxTokens: 8000)), ct);
        var sse = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType!.MediaType);
        Assert.DoesNotContain("Step 1", sse, StringComparison.Ordinal);
        Assert.DoesNotContain("internal_lookup", sse, StringComparison.Ordinal);
        Assert.Contains("[reasoning withheld]", sse, StringComparison.Ordinal);
        Assert.Contains("\"stop_reason\":\"end_turn\"", sse, StringComparison.Ordinal);
        var indexes = sse.Split('\n').Where(l => l.Contains("content_block_start", StringComparison.Ordinal) && l.StartsWith("data:", StringComparison.Ordinal))
            .Select(l => JsonDocument.Parse(l[5..]).RootElement.GetProperty("index").GetInt32()).ToList();
        Assert.Equal([0, 1], indexes);
        await fixture.StopGatewayAsync();
        var logged = Assert.Single(fixture.ReadLog()).GetProperty("response").GetProperty("content");
        Assert.Equal("[reasoning withheld]", logged[0].GetProperty("thinking").GetString());
    }

    [Fact]
    public async Task HandleAsync_SuspectOpenAIStream_RemovesReasoningContentAndDecoyToolCalls()
    {
        await using var fixture = await StartWithReviewCountermeasures("Drop");
        var key = await SuspectKeyAsync(fixture);
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", key, Bodies.OpenAI(stream: true, think: true)), ct);
        var sse = await response.Content.ReadAsStringAsync(ct);

        using var forwarded = JsonDocument.Parse(fixture.OpenAI.State.Received.Single().Body);
        Assert.Equal(256, forwarded.RootElement.GetProperty("max_completion_tokens").GetInt32());
        Assert.Equal("internal_lookup", forwarded.RootElement.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.DoesNotContain("reasoning_content", sse, StringComparison.Ordinal);
        Assert.DoesNotContain("internal_lookup", sse, StringComparison.Ordinal);
        Assert.Contains("\"finish_reason\":\"stop\"", sse, StringComparison.Ordinal);
        Assert.Contains("Answer to", sse, StringComparison.Ordinal);
        Assert.EndsWith("data: [DONE]\n\n", sse, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_HonestAccountBesideSuspect_ByteForByteUntouched()
    {
        await using var fixture = await StartWithReviewCountermeasures("Drop");
        var suspect = await fixture.CreateKeyAsync("acct_sus");
        var honest = await fixture.CreateKeyAsync("acct_ok");
        await fixture.SetOverrideAsync("acct_sus", "review");
        var ct = TestContext.Current.CancellationToken;
        var body = Bodies.OpenAI(think: true, tools: "calc");

        using var s = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", suspect, body), ct);
        using var h = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", honest, body), ct);
        var honestText = await h.Content.ReadAsStringAsync(ct);

        Assert.Equal(Encoding.UTF8.GetBytes(body), fixture.OpenAI.State.Received.Last().Body);
        Assert.Contains("reasoning_content", honestText, StringComparison.Ordinal);
        Assert.DoesNotContain("reasoning_content", await s.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_SuspectOpenAIJson_SummarizesReasoningContentAndStripsDecoyCall()
    {
        await using var fixture = await StartWithReviewCountermeasures("Summarize");
        var key = await SuspectKeyAsync(fixture);
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", key, Bodies.OpenAI(think: true, prompt: "Plain JSON")), ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        using var forwarded = JsonDocument.Parse(fixture.OpenAI.State.Received.Single().Body);
        Assert.Equal("internal_lookup", forwarded.RootElement.GetProperty("tools")[0].GetProperty("function").GetProperty("name").GetString());
        var choice = body.RootElement.GetProperty("choices")[0];
        var message = choice.GetProperty("message");
        Assert.Equal("[reasoning withheld]", message.GetProperty("reasoning_content").GetString());
        Assert.Equal("Answer to: Plain JSON", message.GetProperty("content").GetString());
        Assert.False(message.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array && calls.GetArrayLength() > 0);
        Assert.Equal("stop", choice.GetProperty("finish_reason").GetString());
    }

    [Fact]
    public async Task HandleAsync_ThrottledAccountOnDefaults_ReasoningDroppedAndMaxTokensCappedAt1024()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_thr");
        await fixture.SetOverrideAsync("acct_thr", "throttle");
        var ct = TestContext.Current.CancellationToken;

        // The first request of a throttled account is within its bucket's burst; it is served under countermeasures.
        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(think: true, maxTokens: 8000)), ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));

        Assert.Equal(200, (int)response.StatusCode);
        using var forwarded = JsonDocument.Parse(fixture.Anthropic.State.Received.Single().Body);
        Assert.Equal(1024, forwarded.RootElement.GetProperty("max_tokens").GetInt32());
        Assert.False(forwarded.RootElement.TryGetProperty("tools", out _));
        Assert.DoesNotContain(body.RootElement.GetProperty("content").EnumerateArray(), block => block.GetProperty("type").GetString() == "thinking");
    }
}
