using System.Text.Json;

namespace DistillGuard.Gateway.Features.Streaming;

/// <summary>
/// An assistant response in neither API's terms: blocks of text, reasoning and tool calls, a stop reason and
/// usage. Built from either shape's response or stream, written back in either shape; the pivot of log
/// reassembly and of failover translation.
/// </summary>
internal sealed partial class AssistantMessage
{
    private readonly Dictionary<int, AssistantBlock> _anthropicIndex = [];
    private readonly Dictionary<int, AssistantBlock> _openAIToolIndex = [];

    public string? Id { get; set; }

    public string? Model { get; set; }

    public List<AssistantBlock> Blocks { get; } = [];

    /// <summary>Stop reason in Anthropic terms (<c>end_turn</c>, <c>max_tokens</c>, <c>tool_use</c>, <c>stop_sequence</c>, <c>refusal</c>).</summary>
    public string? StopReason { get; set; }

    public int InputTokens { get; set; }

    public int OutputTokens { get; set; }

    public int ReasoningTokens { get; set; }

    public bool HasUsage { get; set; }

    public static string ToAnthropicStop(string? finishReason) => finishReason switch
    {
        "stop" => "end_turn",
        "length" => "max_tokens",
        "tool_calls" or "function_call" => "tool_use",
        "content_filter" => "refusal",
        null => "end_turn",
        _ => finishReason,
    };

    public static string ToOpenAIFinish(string? stopReason) => stopReason switch
    {
        "max_tokens" => "length",
        "tool_use" => "tool_calls",
        "refusal" => "content_filter",
        _ => "stop",
    };

    private AssistantBlock Last(AssistantBlockKind kind)
    {
        if (Blocks.Count > 0 && Blocks[^1].Kind == kind)
        {
            return Blocks[^1];
        }

        var block = new AssistantBlock(kind);
        Blocks.Add(block);
        return block;
    }

    private static string? String(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static int Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var n) ? n : 0;

    private static bool TryObject(JsonElement element, string name, out JsonElement value)
    {
        value = default;
        return element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out value) && value.ValueKind == JsonValueKind.Object;
    }
}
