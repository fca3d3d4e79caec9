using System.Text;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Log;

/// <summary>The usage at the end of a response cut for the log, in both API shapes, streamed and not.</summary>
public sealed class TrailingUsageTests
{
    [Fact]
    public void TryRead_EndOfAnthropicMessage_ReadsTheUsageObject()
    {
        var tail = "nd of a long answer.\"}],\"stop_reason\":\"end_turn\",\"stop_sequence\":null,\"usage\":{\"input_tokens\":412,\"output_tokens\":2310}}"u8;

        Assert.True(TrailingUsage.TryRead(tail, out var usage));
        Assert.Equal(new TokenUsage(412, 2310, 0), usage);
    }

    [Fact]
    public void TryRead_EndOfOpenAICompletion_ReadsReasoningTokensFromTheDetails()
    {
        var tail = "\"},\"finish_reason\":\"stop\"}],\"usage\": {\"prompt_tokens\":90,\"completion_tokens\":5000,\"total_tokens\":5090,\"completion_tokens_details\":{\"reasoning_tokens\":3800}},\"system_fingerprint\":\"fp_1\"}"u8;

        Assert.True(TrailingUsage.TryRead(tail, out var usage));
        Assert.Equal(new TokenUsage(90, 5000, 3800), usage);
    }

    [Fact]
    public void TryRead_EndOfAnthropicStream_ReadsTheMessageDeltaNotTheEscapedWordInTheText()
    {
        var tail = Encoding.UTF8.GetBytes(
            "data: {\"type\":\"content_block_delta\",\"index\":0,\"delta\":{\"type\":\"text_delta\",\"text\":\"print(\\\"usage\\\": {\\\"output_tokens\\\": 1})\"}}\n\n" +
            "event: content_block_stop\ndata: {\"type\":\"content_block_stop\",\"index\":0}\n\n" +
            "event: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":34}}\n\n" +
            "event: message_stop\ndata: {\"type\":\"message_stop\"}\n\n");

        Assert.True(TrailingUsage.TryRead(tail, out var usage));
        Assert.Equal(new TokenUsage(0, 34, 0), usage);
    }

    [Fact]
    public void TryRead_OnlyTheWordInsideAString_False()
    {
        var tail = "text\":\"the key is \\\"usage\\\": {\\\"input_tokens\\\": 5} in this answer\"}]}"u8;

        Assert.False(TrailingUsage.TryRead(tail, out _));
    }

    [Fact]
    public void TryRead_LastUsageCutAtTheEnd_FallsBackToAnEarlierWholeOne()
    {
        var tail = "{\"usage\":{\"input_tokens\":7,\"output_tokens\":1}}\n\ndata: {\"usage\":{\"output_tokens\":"u8;

        Assert.True(TrailingUsage.TryRead(tail, out var usage));
        Assert.Equal(new TokenUsage(7, 1, 0), usage);
    }

    [Fact]
    public void TryRead_NoUsage_False()
    {
        Assert.False(TrailingUsage.TryRead("...a long answer with no figures\"}]}"u8, out var usage));
        Assert.Equal(default, usage);
    }
}
