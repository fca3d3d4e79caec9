using System.Text.Json;

namespace DistillGuard.Core.Log;

internal sealed partial class BodyNormalizer
{
    /// <summary>
    /// Reads a request body; <paramref name="reader"/> is on its <c>StartObject</c> and ends on its <c>EndObject</c>.
    /// <paramref name="request"/> must have been reset.
    /// </summary>
    public void ReadRequest(ref SpanJsonReader reader, ExchangeRequest request, ref ShapeEvidence evidence, out string? model)
    {
        model = null;
        _system.Clear();
        _lastUser.Clear();
        _firstUser.Clear();
        int? maxTokens = null;
        int? maxCompletionTokens = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("messages"u8))
            {
                reader.Read();
                ReadMessages(ref reader, request, ref evidence);
            }
            else if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                model = reader.TokenType == JsonTokenType.String ? PooledString(ref reader) : SkipAndNull(ref reader);
            }
            else if (reader.ValueTextEquals("max_tokens"u8))
            {
                reader.Read();
                maxTokens = JsonValues.Int(ref reader);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("system"u8))
            {
                reader.Read();
                evidence.Anthropic++;
                _message.Clear();
                var parts = default(ContentCounts);
                ReadContent(ref reader, ref parts, ref evidence);
                AppendSystem();
            }
            else if (reader.ValueTextEquals("tools"u8))
            {
                reader.Read();
                ReadTools(ref reader, request, ref evidence);
            }
            else if (reader.ValueTextEquals("thinking"u8))
            {
                reader.Read();
                evidence.Anthropic++;
                request.ThinkingBudget = ReadThinking(ref reader);
            }
            else if (reader.ValueTextEquals("max_completion_tokens"u8))
            {
                reader.Read();
                evidence.OpenAI++;
                maxCompletionTokens = JsonValues.Int(ref reader);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("reasoning_effort"u8))
            {
                reader.Read();
                evidence.OpenAI++;
                request.ReasoningEffort = reader.TokenType == JsonTokenType.String ? PooledString(ref reader) : SkipAndNull(ref reader);
            }
            else if (reader.ValueTextEquals("temperature"u8))
            {
                reader.Read();
                request.Temperature = JsonValues.Double(ref reader);
                reader.Skip();
            }
            else if (reader.ValueTextEquals("stream"u8))
            {
                reader.Read();
                request.Stream = reader.TokenType == JsonTokenType.True;
                reader.Skip();
            }
            else
            {
                CountRequestOnlyFields(ref reader, ref evidence);
                reader.Skip();
            }
        }

        request.MaxTokens = maxCompletionTokens ?? maxTokens;
        request.SystemPrompt = _system.TotalLength > 0 ? Pool.Get(_system.Span) : null;
        request.LastUserSlot.Copy(request.UserTurns > 0 ? _lastUser.Span : default);
        if (request.UserTurns > 1)
        {
            request.FirstUserSlot.Copy(_firstUser.Span);
        }
    }

    /// <summary>Top-level request fields that only one API has (evidence for shape detection).</summary>
    private static void CountRequestOnlyFields(ref SpanJsonReader reader, ref ShapeEvidence evidence)
    {
        if (reader.ValueTextEquals("metadata"u8) || reader.ValueTextEquals("stop_sequences"u8) || reader.ValueTextEquals("top_k"u8))
        {
            evidence.Anthropic++;
        }
        else if (reader.ValueTextEquals("user"u8) || reader.ValueTextEquals("n"u8) || reader.ValueTextEquals("response_format"u8)
            || reader.ValueTextEquals("frequency_penalty"u8) || reader.ValueTextEquals("presence_penalty"u8)
            || reader.ValueTextEquals("logit_bias"u8) || reader.ValueTextEquals("logprobs"u8) || reader.ValueTextEquals("seed"u8)
            || reader.ValueTextEquals("stream_options"u8) || reader.ValueTextEquals("parallel_tool_calls"u8))
        {
            evidence.OpenAI++;
        }
    }

    private static string? SkipAndNull(ref SpanJsonReader reader)
    {
        reader.Skip();
        return null;
    }

    private void AppendSystem()
    {
        if (_message.TotalLength == 0)
        {
            return;
        }

        _system.Separate();
        _system.Append(_message.Span);
    }

    /// <summary>Anthropic <c>thinking</c>: the budget when enabled, else null.</summary>
    private static int? ReadThinking(ref SpanJsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        var enabled = true;
        int? budget = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("type"u8))
            {
                reader.Read();
                enabled = !(reader.TokenType == JsonTokenType.String && reader.ValueTextEquals("disabled"u8));
                reader.Skip();
            }
            else if (reader.ValueTextEquals("budget_tokens"u8))
            {
                reader.Read();
                budget = JsonValues.Int(ref reader);
                reader.Skip();
            }
            else
            {
                reader.Skip();
            }
        }

        return enabled ? budget : null;
    }

    /// <summary>Declared tools: Anthropic <c>{name, input_schema}</c> or OpenAI <c>{type: function, function: {name}}</c>.</summary>
    private void ReadTools(ref SpanJsonReader reader, ExchangeRequest request, ref ShapeEvidence evidence)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return;
        }

        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                reader.Skip();
                continue;
            }

            string? name = null;
            string? functionName = null;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (reader.ValueTextEquals("name"u8))
                {
                    reader.Read();
                    name = reader.TokenType == JsonTokenType.String ? PooledString(ref reader) : SkipAndNull(ref reader);
                }
                else if (reader.ValueTextEquals("function"u8))
                {
                    reader.Read();
                    evidence.OpenAI++;
                    functionName = ReadFunctionName(ref reader);
                }
                else if (reader.ValueTextEquals("input_schema"u8))
                {
                    evidence.Anthropic++;
                    reader.Skip();
                }
                else
                {
                    reader.Skip();
                }
            }

            if ((functionName ?? name) is { } toolName)
            {
                request.ToolNameBuffer.Add(toolName);
            }
        }
    }

    private string? ReadFunctionName(ref SpanJsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            reader.Skip();
            return null;
        }

        string? name = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("name"u8))
            {
                reader.Read();
                name = reader.TokenType == JsonTokenType.String ? PooledString(ref reader) : SkipAndNull(ref reader);
            }
            else
            {
                reader.Skip();
            }
        }

        return name;
    }
}
