using System.Text.Json;

namespace DistillGuard.Core.Log;

internal sealed partial class BodyNormalizer
{
    /// <summary>
    /// Reads a response body; <paramref name="reader"/> is on its <c>StartObject</c> and ends on its <c>EndObject</c>.
    /// Anthropic: <c>content</c> blocks, <c>stop_reason</c>. OpenAI: the first of <c>choices</c>.
    /// </summary>
    public void ReadResponse(ref SpanJsonReader reader, ExchangeResponse response, ref ShapeEvidence evidence, out TokenUsage? usage, out string? model)
    {
        usage = null;
        model = null;
        _response.Clear();
        var counts = default(ContentCounts);
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                evidence.Anthropic++;
                ReadResponseContent(ref reader, ref counts, ref evidence);
            }
            else if (reader.ValueTextEquals("choices"u8))
            {
                reader.Read();
                evidence.OpenAI++;
                ReadChoices(ref reader, response, ref counts, ref evidence);
            }
            else if (reader.ValueTextEquals("stop_reason"u8))
            {
                reader.Read();
                evidence.Anthropic++;
                response.StopReason = reader.TokenType == JsonTokenType.String ? PooledString(ref reader) : response.StopReason;
                reader.Skip();
            }
            else if (reader.ValueTextEquals("usage"u8))
            {
                reader.Read();
                usage = ReadUsage(ref reader, strict: false);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                model = reader.TokenType == JsonTokenType.String ? PooledString(ref reader) : SkipAndNull(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        response.Text = _response.Length > 0 ? new string(_response.Span) : string.Empty;
        response.TextLength = _response.TotalLength;
        response.HasReasoning |= counts.Reasoning > 0;
        response.ToolCallCount += counts.ToolUses;
    }

    private void ReadResponseContent(ref SpanJsonReader reader, ref ContentCounts counts, ref ShapeEvidence evidence)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            _response.Separate();
            _response.AppendJsonString(ref reader);
            return;
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType == JsonTokenType.StartObject)
            {
                ReadBlock(ref reader, _response, ref counts, ref evidence);
            }
            else
            {
                reader.Skip();
            }
        }
    }

    /// <summary>OpenAI <c>choices</c>: only the first choice is read (the one a client shows).</summary>
    private void ReadChoices(ref SpanJsonReader reader, ExchangeResponse response, ref ContentCounts counts, ref ShapeEvidence evidence)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        var first = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (!first || reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            first = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("delta"u8))
                {
                    reader.Read();
                    ReadChoiceMessage(ref reader, response, ref counts, ref evidence);
                }
                else if (reader.ValueTextEquals("finish_reason"u8))
                {
                    reader.Read();
                    response.StopReason = reader.TokenType == JsonTokenType.String ? PooledString(ref reader) : response.StopReason;
                    reader.Skip();
                }
                else
                {
                    reader.Skip();
                }
            }
        }
    }

    private void ReadChoiceMessage(ref SpanJsonReader reader, ExchangeResponse response, ref ContentCounts counts, ref ShapeEvidence evidence)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("content"u8))
            {
                reader.Read();
                ReadResponseContent(ref reader, ref counts, ref evidence);
            }
            else if (reader.ValueTextEquals("tool_calls"u8))
            {
                reader.Read();
                response.ToolCallCount += CountArray(ref reader);
            }
            else if (reader.ValueTextEquals("reasoning_content"u8) || reader.ValueTextEquals("reasoning"u8))
            {
                reader.Read();
                response.HasReasoning |= reader.TokenType == JsonTokenType.String && reader.ValueSpan.Length > 0;
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }
    }

    private static int CountArray(ref SpanJsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return 0;
        }

        var count = 0;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            count++;
            reader.Skip();
        }

        return count;
    }

    /// <summary>
    /// Token usage in either naming (<c>input_tokens</c>/<c>output_tokens</c>/<c>reasoning_tokens</c>, or
    /// <c>prompt_tokens</c>/<c>completion_tokens</c>/<c>completion_tokens_details.reasoning_tokens</c>).
    /// Strict (the log envelope's <c>usage</c>): a non-object or non-number is a bad record.
    /// </summary>
    public static TokenUsage? ReadUsage(ref SpanJsonReader reader, bool strict)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            if (strict && reader.TokenType != JsonTokenType.Null)
            {
                throw JsonValues.WrongType(ref reader, "usage", "an object");
            }

            reader.Skip();
            return null;
        }

        int input = 0, output = 0, reasoning = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("input_tokens"u8) || reader.ValueTextEquals("prompt_tokens"u8))
            {
                input = UsageNumber(ref reader, strict, "usage.input_tokens");
            }
            else if (reader.ValueTextEquals("output_tokens"u8) || reader.ValueTextEquals("completion_tokens"u8))
            {
                output = UsageNumber(ref reader, strict, "usage.output_tokens");
            }
            else if (reader.ValueTextEquals("reasoning_tokens"u8))
            {
                reasoning = UsageNumber(ref reader, strict, "usage.reasoning_tokens");
            }
            else if (reader.ValueTextEquals("completion_tokens_details"u8) || reader.ValueTextEquals("output_tokens_details"u8))
            {
                reader.Read();
                reasoning = Math.Max(reasoning, ReadReasoningDetail(ref reader));
            }
            else
            {
                reader.Skip();
            }
        }

        return new TokenUsage(input, output, reasoning);
    }

    private static int UsageNumber(ref SpanJsonReader reader, bool strict, string field)
    {
        reader.Read();
        var value = strict ? JsonValues.IntStrict(ref reader, field) : JsonValues.Int(ref reader);
        reader.Skip();
        return value ?? 0;
    }

    private static int ReadReasoningDetail(ref SpanJsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return 0;
        }

        var reasoning = 0;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("reasoning_tokens"u8))
            {
                reader.Read();
                reasoning = JsonValues.Int(ref reader) ?? 0;
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }

        return reasoning;
    }
}
