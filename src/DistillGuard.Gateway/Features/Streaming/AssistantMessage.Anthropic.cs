using System.Text.Json;

namespace DistillGuard.Gateway.Features.Streaming;

internal sealed partial class AssistantMessage
{
    /// <summary>Reads a non-streamed Anthropic Messages response.</summary>
    public static AssistantMessage FromAnthropicResponse(JsonElement root)
    {
        var message = new AssistantMessage { Id = String(root, "id"), Model = String(root, "model"), StopReason = String(root, "stop_reason") };
        if (root.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.Array)
        {
            foreach (var part in content.EnumerateArray())
            {
                message.AddAnthropicBlock(part, streamed: false);
            }
        }

        if (TryObject(root, "usage", out var usage))
        {
            message.ReadAnthropicUsage(usage);
        }

        return message;
    }

    /// <summary>Applies one event of an Anthropic Messages stream.</summary>
    public void ApplyAnthropicEvent(JsonElement data)
    {
        switch (String(data, "type"))
        {
            case "message_start" when TryObject(data, "message", out var start):
                Id = String(start, "id");
                Model = String(start, "model");
                if (TryObject(start, "usage", out var startUsage))
                {
                    ReadAnthropicUsage(startUsage);
                }

                break;
            case "content_block_start" when TryObject(data, "content_block", out var blockStart):
                _anthropicIndex[Int(data, "index")] = AddAnthropicBlock(blockStart, streamed: true);
                break;
            case "content_block_delta" when TryObject(data, "delta", out var delta) && _anthropicIndex.TryGetValue(Int(data, "index"), out var block):
                block.Text.Append(String(delta, "text") ?? String(delta, "thinking") ?? String(delta, "partial_json"));
                if (String(delta, "signature") is { } signature)
                {
                    block.Signature = signature;
                }

                break;
            case "message_delta":
                if (TryObject(data, "delta", out var messageDelta) && String(messageDelta, "stop_reason") is { } stop)
                {
                    StopReason = stop;
                }

                if (TryObject(data, "usage", out var usage))
                {
                    ReadAnthropicUsage(usage);
                }

                break;
        }
    }

    /// <summary>Writes the Anthropic Messages response body.</summary>
    public void WriteAnthropic(Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        writer.WriteString("id"u8, Id ?? "msg_gateway");
        writer.WriteString("type"u8, "message"u8);
        writer.WriteString("role"u8, "assistant"u8);
        if (Model is not null)
        {
            writer.WriteString("model"u8, Model);
        }

        writer.WriteStartArray("content"u8);
        foreach (var block in Blocks)
        {
            writer.WriteStartObject();
            switch (block.Kind)
            {
                case AssistantBlockKind.Thinking:
                    writer.WriteString("type"u8, "thinking"u8);
                    writer.WriteString("thinking"u8, block.Text.ToString());
                    if (block.Signature is not null)
                    {
                        writer.WriteString("signature"u8, block.Signature);
                    }

                    break;
                case AssistantBlockKind.ToolCall:
                    writer.WriteString("type"u8, "tool_use"u8);
                    writer.WriteString("id"u8, block.Id ?? "toolu_gateway");
                    writer.WriteString("name"u8, block.Name ?? string.Empty);
                    writer.WritePropertyName("input"u8);
                    WriteJsonOrEmptyObject(writer, block.Text.ToString());
                    break;
                default:
                    writer.WriteString("type"u8, "text"u8);
                    writer.WriteString("text"u8, block.Text.ToString());
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("stop_reason"u8, StopReason ?? "end_turn");
        writer.WriteStartObject("usage"u8);
        writer.WriteNumber("input_tokens"u8, InputTokens);
        writer.WriteNumber("output_tokens"u8, OutputTokens);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    internal static void WriteJsonOrEmptyObject(Utf8JsonWriter writer, string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
            return;
        }

        try
        {
            using var doc = JsonDocument.Parse(json);
            doc.RootElement.WriteTo(writer);
        }
        catch (JsonException)
        {
            writer.WriteStartObject();
            writer.WriteEndObject();
        }
    }

    private AssistantBlock AddAnthropicBlock(JsonElement part, bool streamed)
    {
        AssistantBlock block;
        switch (String(part, "type"))
        {
            case "thinking":
            case "redacted_thinking":
                block = new AssistantBlock(AssistantBlockKind.Thinking) { Signature = String(part, "signature") };
                block.Text.Append(String(part, "thinking"));
                break;
            case "tool_use":
                block = new AssistantBlock(AssistantBlockKind.ToolCall) { Id = String(part, "id"), Name = String(part, "name") };
                if (!streamed && part.TryGetProperty("input", out var input))
                {
                    block.Text.Append(input.GetRawText());
                }

                break;
            default:
                block = new AssistantBlock(AssistantBlockKind.Text);
                block.Text.Append(String(part, "text"));
                break;
        }

        Blocks.Add(block);
        return block;
    }

    private void ReadAnthropicUsage(JsonElement usage)
    {
        HasUsage = true;
        if (usage.TryGetProperty("input_tokens", out _))
        {
            InputTokens = Math.Max(InputTokens, Int(usage, "input_tokens"));
        }

        OutputTokens = Math.Max(OutputTokens, Int(usage, "output_tokens"));
    }
}
