using System.Text.Json;

namespace DistillGuard.Gateway.Features.Streaming;

internal sealed partial class AssistantMessage
{
    /// <summary>Reads a non-streamed OpenAI Chat Completions response (first choice).</summary>
    public static AssistantMessage FromOpenAIResponse(JsonElement root)
    {
        var message = new AssistantMessage { Id = String(root, "id"), Model = String(root, "model") };
        if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array && choices.GetArrayLength() > 0)
        {
            var choice = choices[0];
            message.StopReason = ToAnthropicStop(String(choice, "finish_reason"));
            if (TryObject(choice, "message", out var body))
            {
                message.ApplyOpenAIDelta(body);
            }
        }

        if (TryObject(root, "usage", out var usage))
        {
            message.ReadOpenAIUsage(usage);
        }

        return message;
    }

    /// <summary>Applies one chunk of an OpenAI Chat Completions stream (first choice).</summary>
    public void ApplyOpenAIChunk(JsonElement chunk)
    {
        Id ??= String(chunk, "id");
        Model ??= String(chunk, "model");
        if (chunk.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
        {
            foreach (var choice in choices.EnumerateArray())
            {
                if (Int(choice, "index") != 0)
                {
                    continue;
                }

                if (TryObject(choice, "delta", out var delta))
                {
                    ApplyOpenAIDelta(delta);
                }

                if (String(choice, "finish_reason") is { } finish)
                {
                    StopReason = ToAnthropicStop(finish);
                }
            }
        }

        if (TryObject(chunk, "usage", out var usage))
        {
            ReadOpenAIUsage(usage);
        }
    }

    /// <summary>Writes the OpenAI Chat Completions response body.</summary>
    public void WriteOpenAI(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, Id ?? "chatcmpl-gateway");
        writer.WriteString("object"u8, "chat.completion"u8);
        if (Model is not null)
        {
            writer.WriteString("model"u8, Model);
        }

        writer.WriteStartArray("choices"u8);
        writer.WriteStartObject();
        writer.WriteNumber("index"u8, 0);
        writer.WriteStartObject("message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        WriteJoined(writer, "content"u8, AssistantBlockKind.Text, nullWhenNone: true);
        WriteJoined(writer, "reasoning_content"u8, AssistantBlockKind.Thinking, nullWhenNone: false);
        var wroteTools = false;
        foreach (var block in Blocks)
        {
            if (block.Kind != AssistantBlockKind.ToolCall)
            {
                continue;
            }

            if (!wroteTools)
            {
                writer.WriteStartArray("tool_calls"u8);
                wroteTools = true;
            }

            writer.WriteStartObject();
            writer.WriteString("id"u8, block.Id ?? "call_gateway");
            writer.WriteString("type"u8, "function"u8);
            writer.WriteStartObject("function"u8);
            writer.WriteString("name"u8, block.Name ?? string.Empty);
            writer.WriteString("arguments"u8, block.Text.Length == 0 ? "{}" : block.Text.ToString());
            writer.WriteEndObject();
            writer.WriteEndObject();
        }

        if (wroteTools)
        {
            writer.WriteEndArray();
        }

        writer.WriteEndObject();
        writer.WriteString("finish_reason"u8, ToOpenAIFinish(StopReason));
        writer.WriteEndObject();
        writer.WriteEndArray();
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("prompt_tokens"u8, InputTokens);
        writer.WriteNumber("completion_tokens"u8, OutputTokens);
        writer.WriteNumber("total_tokens"u8, InputTokens + OutputTokens);
        if (ReasoningTokens > 0)
        {
            writer.WriteStartObject("completion_tokens_details"u8);
            writer.WriteNumber("reasoning_tokens"u8, ReasoningTokens);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private void WriteJoined(Utf8JsonWriter writer, ReadOnlySpan<byte> name, AssistantBlockKind kind, bool nullWhenNone)
    {
        string? joined = null;
        foreach (var block in Blocks)
        {
            if (block.Kind == kind)
            {
                joined = joined is null ? block.Text.ToString() : joined + block.Text;
            }
        }

        if (joined is not null)
        {
            writer.WriteString(name, joined);
        }
        else if (nullWhenNone)
        {
            writer.WriteNull(name);
        }
    }

    private void ApplyOpenAIDelta(JsonElement delta)
    {
        if (String(delta, "reasoning_content") is { Length: > 0 } reasoning)
        {
            Last(AssistantBlockKind.Thinking).Text.Append(reasoning);
        }

        if (String(delta, "content") is { Length: > 0 } content)
        {
            Last(AssistantBlockKind.Text).Text.Append(content);
        }

        if (delta.TryGetProperty("tool_calls", out var calls) && calls.ValueKind == JsonValueKind.Array)
        {
            var position = 0;
            foreach (var call in calls.EnumerateArray())
            {
                var index = call.TryGetProperty("index", out _) ? Int(call, "index") : position;
                position++;
                if (!_openAIToolIndex.TryGetValue(index, out var block))
                {
                    block = new AssistantBlock(AssistantBlockKind.ToolCall);
                    _openAIToolIndex[index] = block;
                    Blocks.Add(block);
                }

                block.Id ??= String(call, "id");
                if (TryObject(call, "function", out var function))
                {
                    block.Name ??= String(function, "name");
                    block.Text.Append(String(function, "arguments"));
                }
            }
        }
    }

    private void ReadOpenAIUsage(JsonElement usage)
    {
        HasUsage = true;
        InputTokens = Int(usage, "prompt_tokens");
        OutputTokens = Int(usage, "completion_tokens");
        if (TryObject(usage, "completion_tokens_details", out var details))
        {
            ReasoningTokens = Int(details, "reasoning_tokens");
        }
    }
}
