using System.Text;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Log;

/// <summary>Whatever bytes a line holds, the parser answers true or false; it never throws.</summary>
public sealed class ExchangeParserRobustnessTests
{
    private static readonly string[] Seeds =
    [
        LogLines.SpecExample,
        """{"ts":"2026-04-22T05:14:07+02:00","account_id":"b","request":{"model":"x","max_completion_tokens":20,"tools":[{"type":"function","function":{"name":"f"}}],"messages":[{"role":"system","content":"S"},{"role":"user","content":[{"type":"text","text":"hi \u00e9\n"},{"type":"image_url","image_url":{"url":"u"}}]},{"role":"tool","content":"r"}]},"response":{"choices":[{"message":{"content":"ok","tool_calls":[{}],"reasoning_content":"r"},"finish_reason":"stop"}],"usage":{"prompt_tokens":1,"completion_tokens":2,"completion_tokens_details":{"reasoning_tokens":3}}},"usage":{"input_tokens":1}}""",
        """{"ts":"2026-04-22T03:14:07Z","account_id":"a","api":"anthropic.messages","request":{"system":[{"type":"text","text":"s"}],"thinking":{"type":"enabled","budget_tokens":9},"tools":[{"name":"t","input_schema":{}}],"messages":[{"role":"user","content":[{"type":"tool_result","content":[{"type":"text","text":"x"}]},{"type":"image","source":{}}]}]},"response":{"content":[{"type":"thinking","thinking":"t"},{"type":"tool_use","input":{}}],"stop_reason":"tool_use"}}""",
    ];

    private static readonly byte[] Interesting = Encoding.UTF8.GetBytes("{}[]\":,\\0123456789-+.eEtrufalsn \n\u00e9");

    [Fact]
    public void TryParse_RandomlyMutatedLines_NeverThrows()
    {
        var random = new Random(12345);
        var parser = new ExchangeParser(maxTextChars: 64);
        var target = new Exchange();
        var parsed = 0;
        for (var i = 0; i < 10_000; i++)
        {
            var bytes = TextMutator.Mutate(Encoding.UTF8.GetBytes(Seeds[i % Seeds.Length]), random, Interesting);
            var ok = parser.TryParse(bytes, target, out var error);
            if (ok)
            {
                parsed++;
                Assert.False(string.IsNullOrEmpty(target.AccountId));
                Assert.Equal(DateTimeKind.Utc, target.Timestamp.Kind);
                Assert.NotEqual(ApiShape.Unknown, target.Api);
            }
            else
            {
                Assert.False(string.IsNullOrEmpty(error.Message));
            }
        }

        // Some mutations leave a valid record, most do not; both paths were exercised.
        Assert.InRange(parsed, 1, 9_999);
    }

    [Fact]
    public void TryParse_InvalidUtf8InsideAnEscapedString_IsMalformedJson()
    {
        byte[] line = [.. "{\"ts\":\"2026-04-22T03:14:07Z\",\"account_id\":\"a\",\"api\":\"openai.chat\",\"request\":{\"messages\":[{\"role\":\"user\",\"content\":\"x\\n"u8, 0xC3, 0x28, .. "\"}]}}"u8];

        var ok = new ExchangeParser().TryParse(line, new Exchange(), out var error);

        Assert.False(ok);
        Assert.Equal(BadRecordKind.MalformedJson, error.Kind);
    }

    [Fact]
    public void TryNormalize_RandomlyMutatedBodies_NeverThrows()
    {
        var random = new Random(99);
        var normalizer = new ExchangeNormalizer(maxTextChars: 64);
        var exchange = new Exchange();
        var body = Encoding.UTF8.GetBytes("""{"model":"m","system":"s","messages":[{"role":"user","content":[{"type":"text","text":"a"},{"type":"image"}]},{"role":"assistant","content":"b"}],"tools":[{"name":"t"}]}""");
        for (var i = 0; i < 5_000; i++)
        {
            var mutated = (byte[])body.Clone();
            mutated[random.Next(mutated.Length)] = Interesting[random.Next(Interesting.Length)];
            normalizer.TryNormalize(mutated, mutated, exchange);
        }
    }
}
