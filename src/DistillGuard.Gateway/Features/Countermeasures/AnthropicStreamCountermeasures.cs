using System.Text.Json.Nodes;
using DistillGuard.Gateway.Features.Streaming;
using DistillGuard.Gateway.Options;

namespace DistillGuard.Gateway.Features.Countermeasures;

/// <summary>
/// Countermeasures inside an Anthropic Messages stream: drops (or summarises) thinking blocks and decoy
/// tool_use blocks, renumbering the remaining content blocks so SDKs see a contiguous index.
/// </summary>
internal sealed class AnthropicStreamCountermeasures(CountermeasureSet set) : ISseTransform
{
    private readonly Dictionary<int, int> _indexMap = [];
    private readonly HashSet<int> _summarized = [];
    private int _nextIndex;
    private bool _strippedDecoy;
    private bool _keptTool;

    public void Transform(SseEvent input, List<SseEvent> output)
    {
        if (JsonNode.Parse(input.Data) is not JsonObject data)
        {
            output.Add(input);
            return;
        }

        switch ((string?)data["type"])
        {
            case "content_block_start":
                Start(data, output);
                return;
            case "content_block_delta":
            case "content_block_stop":
                var index = (int?)data["index"] ?? -1;
                if (!_indexMap.TryGetValue(index, out var mapped) || (_summarized.Contains(index) && (string?)data["type"] == "content_block_delta"))
                {
                    return;
                }

                data["index"] = mapped;
                output.Add(new SseEvent(input.Name, data.ToJsonString()));
                return;
            case "message_delta":
                if (_strippedDecoy && !_keptTool && data["delta"] is JsonObject delta && (string?)delta["stop_reason"] == "tool_use")
                {
                    delta["stop_reason"] = "end_turn";
                    output.Add(new SseEvent(input.Name, data.ToJsonString()));
                    return;
                }

                output.Add(input);
                return;
            default:
                output.Add(input);
                return;
        }
    }

    public void Complete(List<SseEvent> output)
    {
    }

    private void Start(JsonObject data, List<SseEvent> output)
    {
        var index = (int?)data["index"] ?? -1;
        var block = data["content_block"] as JsonObject;
        var type = (string?)block?["type"];
        if (type is "thinking" or "redacted_thinking")
        {
            if (set.Reasoning == ReasoningPolicy.Drop)
            {
                return;
            }

            if (set.Reasoning == ReasoningPolicy.Summarize)
            {
                var target = _nextIndex++;
                _indexMap[index] = target;
                _summarized.Add(index);
                output.Add(Event("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = target, ["content_block"] = new JsonObject { ["type"] = "thinking", ["thinking"] = string.Empty } }));
                output.Add(Event("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = target, ["delta"] = new JsonObject { ["type"] = "thinking_delta", ["thinking"] = set.ReasoningSummary } }));
                return;
            }
        }
        else if (type == "tool_use")
        {
            if (DecoyTools.IsDecoy(set, (string?)block?["name"]))
            {
                _strippedDecoy = true;
                return;
            }

            _keptTool = true;
        }

        var mapped = _nextIndex++;
        _indexMap[index] = mapped;
        data["index"] = mapped;
        output.Add(Event("content_block_start", data));
    }

    private static SseEvent Event(string name, JsonObject data) => new(name, data.ToJsonString());
}
