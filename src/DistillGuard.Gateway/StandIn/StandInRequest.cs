using System.Text.Json;

namespace DistillGuard.Gateway.StandIn;

/// <summary>What the stand-in reads from a request.</summary>
internal sealed record StandInRequest(string Model, bool Stream, bool Think, string Prompt, string? LastTool)
{
    /// <summary>Characters appended to the answer (<see cref="StandInState.AnswerPadding"/>).</summary>
    public int AnswerPadding { get; init; }

    public static StandInRequest Parse(byte[] body, bool openAI, int answerPadding = 0)
    {
        using var doc = JsonDocument.Parse(body);
        var root = doc.RootElement;
        var model = root.TryGetProperty("model", out var m) ? m.GetString() ?? string.Empty : string.Empty;
        var stream = root.TryGetProperty("stream", out var s) && s.ValueKind == JsonValueKind.True;
        var think = openAI ? root.TryGetProperty("reasoning_effort", out _) : root.TryGetProperty("thinking", out var t) && t.ValueKind == JsonValueKind.Object;
        var prompt = string.Empty;
        if (root.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            foreach (var message in messages.EnumerateArray())
            {
                if (message.TryGetProperty("role", out var role) && role.ValueEquals("user"u8) && message.TryGetProperty("content", out var content))
                {
                    prompt = content.ValueKind == JsonValueKind.String ? content.GetString()! : FirstText(content);
                }
            }
        }

        string? lastTool = null;
        if (root.TryGetProperty("tools", out var tools) && tools.ValueKind == JsonValueKind.Array)
        {
            foreach (var tool in tools.EnumerateArray())
            {
                var holder = openAI && tool.TryGetProperty("function", out var f) ? f : tool;
                lastTool = holder.TryGetProperty("name", out var n) ? n.GetString() : lastTool;
            }
        }

        return new StandInRequest(model, stream, think, prompt, lastTool) { AnswerPadding = answerPadding };
    }

    private static string FirstText(JsonElement content)
    {
        if (content.ValueKind != JsonValueKind.Array)
        {
            return string.Empty;
        }

        foreach (var part in content.EnumerateArray())
        {
            if (part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
            {
                return text.GetString()!;
            }
        }

        return string.Empty;
    }
}
