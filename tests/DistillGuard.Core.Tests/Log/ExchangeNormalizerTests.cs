using System.Text;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Log;

public sealed class ExchangeNormalizerTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void TryNormalize_AnthropicBodies_FillsRequestResponseUsageModelAndShape()
    {
        var exchange = new Exchange { AccountId = "acct", Ip = "198.51.100.4" };
        var request = Utf8("""{"model":"frontier-large-2","max_tokens":1024,"system":"Be brief.","messages":[{"role":"user","content":[{"type":"text","text":"Explain TCP."}]}]}""");
        var response = Utf8("""{"id":"msg_1","type":"message","content":[{"type":"thinking","thinking":"hmm"},{"type":"text","text":"TCP is..."}],"stop_reason":"end_turn","usage":{"input_tokens":12,"output_tokens":34}}""");

        var ok = ExchangeNormalizer.ForCurrentThread.TryNormalize(request, response, exchange);

        Assert.True(ok);
        Assert.Equal(ApiShape.AnthropicMessages, exchange.Api);
        Assert.Equal("frontier-large-2", exchange.Model);
        Assert.Equal("Be brief.", exchange.Request.SystemPrompt);
        Assert.Equal("Explain TCP.", exchange.Request.LastUserText);
        Assert.Equal(1024, exchange.Request.MaxTokens);
        Assert.Equal("TCP is...", exchange.Response!.Text);
        Assert.True(exchange.Response.HasReasoning);
        Assert.Equal(new TokenUsage(12, 34, 0), exchange.Usage);
        Assert.Equal("198.51.100.4", exchange.Ip);
    }

    [Fact]
    public void TryNormalize_DeclaredShapeAndNoResponse_KeepsShapeAndClearsResponse()
    {
        var normalizer = new ExchangeNormalizer();
        var exchange = new Exchange { Api = ApiShape.OpenAIChat };
        normalizer.TryNormalize(Utf8("""{"messages":[]}"""), Utf8("""{"choices":[{"message":{"content":"x"}}]}"""), exchange);

        var ok = normalizer.TryNormalize(Utf8("""{"model":"m","messages":[{"role":"user","content":"hi"}]}"""), default, exchange);

        Assert.True(ok);
        Assert.Equal(ApiShape.OpenAIChat, exchange.Api);
        Assert.Null(exchange.Response);
        Assert.Equal("hi", exchange.Request.LastUserText);
    }

    [Fact]
    public void TryNormalizeRequest_NotJson_ReturnsFalse()
    {
        var ok = new ExchangeNormalizer().TryNormalizeRequest(Utf8("{oops"), new ExchangeRequest(), out var shape, out _);

        Assert.False(ok);
        Assert.Equal(ApiShape.Unknown, shape);
    }

    [Fact]
    public void TryNormalizeResponse_OpenAIUsage_MapsPromptAndCompletionAndReasoningTokens()
    {
        var response = new ExchangeResponse();

        var ok = new ExchangeNormalizer().TryNormalizeResponse(
            Utf8("""{"object":"chat.completion","choices":[{"message":{"content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]},"finish_reason":"stop"}],"usage":{"prompt_tokens":5,"completion_tokens":7,"completion_tokens_details":{"reasoning_tokens":3}}}"""),
            response,
            out var usage);

        Assert.True(ok);
        Assert.Equal("a\nb", response.Text);
        Assert.Equal("stop", response.StopReason);
        Assert.Equal(new TokenUsage(5, 7, 3), usage);
    }

    [Fact]
    public void TryNormalizeResponse_NoResponseTextKept_CountsItsLengthOnly()
    {
        var response = new ExchangeResponse();

        var ok = new ExchangeNormalizer(maxResponseTextChars: 0).TryNormalizeResponse(
            Utf8("""{"type":"message","content":[{"type":"text","text":"four score and seven"}],"stop_reason":"end_turn"}"""),
            response,
            out _);

        Assert.True(ok);
        Assert.Equal(string.Empty, response.Text);
        Assert.Equal("four score and seven".Length, response.TextLength);
        Assert.Equal("end_turn", response.StopReason);
    }
}
