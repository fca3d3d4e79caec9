using System.Text.Json.Nodes;
using DistillGuard.Gateway.Features.Streaming;

namespace DistillGuard.Gateway.Features.Shapes;

/// <summary>Turns an Anthropic Messages stream into an OpenAI Chat Completions stream (failover to an Anthropic upstream).</summary>
internal sealed class AnthropicToOpenAIStream(long created) : ISseTransform
{
    private readonly Dictionary<int, int> _toolOrdinals = [];
    private string _id = "chatcmpl-gateway";
    private string? _model;
    private string _finish = "stop";
    private int _inputTokens;
    private int _outputTokens;
    private bool _finished;

    public void Transform(SseEvent input, List<SseEvent> output)
    {
        if (JsonNode.Parse(input.Data) is not JsonObject data)
        {
            return;
        }

        switch ((string?)data["type"])
        {
            case "message_start" when data["message"] is JsonObject message:
                _id = (string?)message["id"] ?? _id;
                _model = (string?)message["model"];
                _inputTokens = (int?)(message["usage"] as JsonObject)?["input_tokens"] ?? 0;
                output.Add(Chunk(new JsonObject { ["role"] = "assistant", ["content"] = string.Empty }, null));
                break;
            case "content_block_start" when data["content_block"] is JsonObject block && (string?)block["type"] == "tool_use":
                var ordinal = _toolOrdinals.Count;
                _toolOrdinals[(int?)data["index"] ?? 0] = ordinal;
                output.Add(Chunk(new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject
                    {
                        ["index"] = ordinal,
                        ["id"] = (string?)block["id"],
                        ["type"] = "function",
                        ["function"] = new JsonObject { ["name"] = (string?)block["name"], ["arguments"] = string.Empty },
                    }),
                }, null));
                break;
            case "content_block_delta" when data["delta"] is JsonObject delta:
                Delta((int?)data["index"] ?? 0, delta, output);
                break;
            case "message_delta":
                if ((string?)(data["delta"] as JsonObject)?["stop_reason"] is { } stop)
                {
                    _finish = AssistantMessage.ToOpenAIFinish(stop);
                }

                _outputTokens = (int?)(data["usage"] as JsonObject)?["output_tokens"] ?? _outputTokens;
                break;
            case "message_stop":
                Finish(output);
                break;
        }
    }

    public void Complete(List<SseEvent> output) => Finish(output);

    private void Delta(int index, JsonObject delta, List<SseEvent> output)
    {
        switch ((string?)delta["type"])
        {
            case "text_delta":
                output.Add(Chunk(new JsonObject { ["content"] = (string?)delta["text"] }, null));
                break;
            case "thinking_delta":
                output.Add(Chunk(new JsonObject { ["reasoning_content"] = (string?)delta["thinking"] }, null));
                break;
            case "input_json_delta" when _toolOrdinals.TryGetValue(index, out var ordinal):
                output.Add(Chunk(new JsonObject
                {
                    ["tool_calls"] = new JsonArray(new JsonObject { ["index"] = ordinal, ["function"] = new JsonObject { ["arguments"] = (string?)delta["partial_json"] } }),
                }, null));
                break;
        }
    }

    private void Finish(List<SseEvent> output)
    {
        if (_finished)
        {
            return;
        }

        _finished = true;
        output.Add(Chunk(new JsonObject(), _finish));
        var usage = Envelope(new JsonArray());
        usage["usage"] = new JsonObject { ["prompt_tokens"] = _inputTokens, ["completion_tokens"] = _outputTokens, ["total_tokens"] = _inputTokens + _outputTokens };
        output.Add(new SseEvent(null, usage.ToJsonString()));
        output.Add(new SseEvent(null, "[DONE]"));
    }

    private SseEvent Chunk(JsonObject delta, string? finish) =>
        new(null, Envelope(new JsonArray(new JsonObject { ["index"] = 0, ["delta"] = delta, ["finish_reason"] = finish })).ToJsonString());

    private JsonObject Envelope(JsonArray choices) => new()
    {
        ["id"] = _id,
        ["object"] = "chat.completion.chunk",
        ["created"] = created,
        ["model"] = _model,
        ["choices"] = choices,
    };
}
