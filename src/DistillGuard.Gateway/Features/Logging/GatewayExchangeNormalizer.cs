using System.Text;
using System.Text.Json;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Streaming;

namespace DistillGuard.Gateway.Features.Logging;

/// <summary>
/// Fills an <see cref="Exchange"/>'s normalised request and response from the logged bodies, the way the log
/// reader does for <c>scan</c>, so the engine sees the same thing live and in replay.
/// </summary>
/// <remarks>Stands in for logio's normaliser until that lands; swap the call in <see cref="ExchangeLogProcessor"/>.</remarks>
internal static class GatewayExchangeNormalizer
{
    public static void FillRequest(ExchangeRequest target, JsonElement root, ApiShape shape)
    {
        target.SystemPrompt = null;
        target.LastUserText = string.Empty;
        target.FirstUserText = null;
        target.UserTurns = 0;
        target.AssistantTurns = 0;
        target.ToolResultCount = 0;
        target.ImageCount = 0;
        target.MaxTokens = null;
        target.ThinkingBudget = null;
        target.ReasoningEffort = null;
        target.Temperature = Number(root, "temperature");
        target.Stream = root.TryGetProperty("stream", out var stream) && stream.ValueKind == JsonValueKind.True;
        target.ToolNames = ToolNames(root, shape);
        if (shape == ApiShape.AnthropicMessages)
        {
            target.MaxTokens = Int(root, "max_tokens");
            if (root.TryGetProperty("system", out var system))
            {
                target.SystemPrompt = Text(system, target);
            }

            if (root.TryGetProperty("thinking", out var thinking) && thinking.ValueKind == JsonValueKind.Object
                && thinking.TryGetProperty("type", out var type) && type.ValueEquals("enabled"u8))
            {
                target.ThinkingBudget = Int(thinking, "budget_tokens");
            }
        }
        else
        {
            target.MaxTokens = Int(root, "max_completion_tokens") ?? Int(root, "max_tokens");
            target.ReasoningEffort = root.TryGetProperty("reasoning_effort", out var effort) && effort.ValueKind == JsonValueKind.String ? effort.GetString() : null;
        }

        if (!root.TryGetProperty("messages", out var messages) || messages.ValueKind != JsonValueKind.Array)
        {
            return;
        }

        StringBuilder? systemText = null;
        foreach (var message in messages.EnumerateArray())
        {
            var role = message.TryGetProperty("role", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null;
            message.TryGetProperty("content", out var content);
            switch (role)
            {
                case "user":
                    var text = Text(content, target);
                    target.UserTurns++;
                    if (target.UserTurns == 1)
                    {
                        target.FirstUserText = text;
                    }

                    target.LastUserText = text;
                    break;
                case "assistant":
                    target.AssistantTurns++;
                    break;
                case "tool":
                    target.ToolResultCount++;
                    break;
                case "system" or "developer":
                    systemText ??= new StringBuilder();
                    if (systemText.Length > 0)
                    {
                        systemText.Append('\n');
                    }

                    systemText.Append(Text(content, target));
                    break;
            }
        }

        if (systemText is not null)
        {
            target.SystemPrompt = systemText.ToString();
        }

        if (target.UserTurns <= 1)
        {
            target.FirstUserText = null;
        }
    }

    public static ExchangeResponse ToResponse(AssistantMessage message)
    {
        var text = new StringBuilder();
        var hasReasoning = false;
        var tools = 0;
        foreach (var block in message.Blocks)
        {
            switch (block.Kind)
            {
                case AssistantBlockKind.Text:
                    if (text.Length > 0)
                    {
                        text.Append('\n');
                    }

                    text.Append(block.Text);
                    break;
                case AssistantBlockKind.Thinking:
                    hasReasoning = true;
                    break;
                default:
                    tools++;
                    break;
            }
        }

        var value = text.ToString();
        return new ExchangeResponse { Text = value, TextLength = value.Length, HasReasoning = hasReasoning, ToolCallCount = tools, StopReason = message.StopReason };
    }

    private static IReadOnlyList<string> ToolNames(JsonElement root, ApiShape shape)
    {
        if (!root.TryGetProperty("tools", out var tools) || tools.ValueKind != JsonValueKind.Array || tools.GetArrayLength() == 0)
        {
            return [];
        }

        var names = new List<string>(tools.GetArrayLength());
        foreach (var tool in tools.EnumerateArray())
        {
            var holder = shape == ApiShape.OpenAIChat && tool.TryGetProperty("function", out var function) ? function : tool;
            if (holder.ValueKind == JsonValueKind.Object && holder.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
            {
                names.Add(name.GetString()!);
            }
        }

        return names;
    }

    /// <summary>Text of a content value: a string, or text blocks/parts joined by a newline; counts images and tool results.</summary>
    private static string Text(JsonElement content, ExchangeRequest counts)
    {
        if (content.ValueKind == JsonValueKind.String)
        {
            return content.GetString()!;
        }

        if (content.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        StringBuilder? sb = null;
        foreach (var part in content.EnumerateArray())
        {
            var type = part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            switch (type)
            {
                case "text":
                    if (part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                    {
                        sb ??= new StringBuilder();
                        if (sb.Length > 0)
                        {
                            sb.Append('\n');
                        }

                        sb.Append(text.GetString());
                    }

                    break;
                case "image" or "image_url":
                    counts.ImageCount++;
                    break;
                case "tool_result":
                    counts.ToolResultCount++;
                    break;
            }
        }

        return sb?.ToString() ?? string.Empty;
    }

    private static int? Int(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : null;

    private static double? Number(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number ? value.GetDouble() : null;
}
