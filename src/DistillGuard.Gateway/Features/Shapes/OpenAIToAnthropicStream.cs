using System.Text.Json.Nodes;
using DistillGuard.Gateway.Features.Streaming;

namespace DistillGuard.Gateway.Features.Shapes;

/// <summary>Turns an OpenAI Chat Completions stream into an Anthropic Messages stream (failover to an OpenAI upstream).</summary>
internal sealed class OpenAIToAnthropicStream : ISseTransform
{
    private readonly Dictionary<int, int> _toolBlocks = [];
    private bool _started;
    private int _openIndex = -1;
    private string? _openKind;
    private int _nextIndex;
    private string _stopReason = "end_turn";
    private int _inputTokens;
    private int _outputTokens;

    public void Transform(SseEvent input, List<SseEvent> output)
    {
        if (input.Data == "[DONE]" || JsonNode.Parse(input.Data) is not JsonObject chunk)
        {
            return;
        }

        Start(chunk, output);
        if (chunk["choices"] is JsonArray choices)
        {
            foreach (var node in choices)
            {
                if (node is not JsonObject choice || ((int?)choice["index"] ?? 0) != 0)
                {
                    continue;
                }

                if (choice["delta"] is JsonObject delta)
                {
                    ApplyDelta(delta, output);
                }

                if ((string?)choice["finish_reason"] is { } finish)
                {
                    _stopReason = AssistantMessage.ToAnthropicStop(finish);
                }
            }
        }

        if (chunk["usage"] is JsonObject usage)
        {
            _inputTokens = (int?)usage["prompt_tokens"] ?? _inputTokens;
            _outputTokens = (int?)usage["completion_tokens"] ?? _outputTokens;
        }
    }

    public void Complete(List<SseEvent> output)
    {
        Start(null, output);
        Close(output);
        output.Add(Event("message_delta", new JsonObject
        {
            ["type"] = "message_delta",
            ["delta"] = new JsonObject { ["stop_reason"] = _stopReason, ["stop_sequence"] = null },
            ["usage"] = new JsonObject { ["input_tokens"] = _inputTokens, ["output_tokens"] = _outputTokens },
        }));
        output.Add(Event("message_stop", new JsonObject { ["type"] = "message_stop" }));
    }

    private void Start(JsonObject? chunk, List<SseEvent> output)
    {
        if (_started)
        {
            return;
        }

        _started = true;
        output.Add(Event("message_start", new JsonObject
        {
            ["type"] = "message_start",
            ["message"] = new JsonObject
            {
                ["id"] = (string?)chunk?["id"] ?? "msg_gateway",
                ["type"] = "message",
                ["role"] = "assistant",
                ["model"] = (string?)chunk?["model"],
                ["content"] = new JsonArray(),
                ["stop_reason"] = null,
                ["usage"] = new JsonObject { ["input_tokens"] = 0, ["output_tokens"] = 0 },
            },
        }));
    }

    private void ApplyDelta(JsonObject delta, List<SseEvent> output)
    {
        if ((string?)delta["reasoning_content"] is { Length: > 0 } reasoning)
        {
            Open("thinking", new JsonObject { ["type"] = "thinking", ["thinking"] = string.Empty }, output);
            output.Add(Delta(new JsonObject { ["type"] = "thinking_delta", ["thinking"] = reasoning }));
        }

        if ((string?)delta["content"] is { Length: > 0 } content)
        {
            Open("text", new JsonObject { ["type"] = "text", ["text"] = string.Empty }, output);
            output.Add(Delta(new JsonObject { ["type"] = "text_delta", ["text"] = content }));
        }

        if (delta["tool_calls"] is not JsonArray calls)
        {
            return;
        }

        foreach (var node in calls)
        {
            if (node is not JsonObject call)
            {
                continue;
            }

            var toolIndex = (int?)call["index"] ?? 0;
            var function = call["function"] as JsonObject;
            if (!_toolBlocks.ContainsKey(toolIndex))
            {
                Close(output);
                _openIndex = _nextIndex++;
                _openKind = "tool_use";
                _toolBlocks[toolIndex] = _openIndex;
                output.Add(Event("content_block_start", new JsonObject
                {
                    ["type"] = "content_block_start",
                    ["index"] = _openIndex,
                    ["content_block"] = new JsonObject { ["type"] = "tool_use", ["id"] = (string?)call["id"] ?? $"toolu_{toolIndex}", ["name"] = (string?)function?["name"], ["input"] = new JsonObject() },
                }));
            }

            if ((string?)function?["arguments"] is { Length: > 0 } arguments && _toolBlocks[toolIndex] == _openIndex)
            {
                output.Add(Delta(new JsonObject { ["type"] = "input_json_delta", ["partial_json"] = arguments }));
            }
        }
    }

    private void Open(string kind, JsonObject block, List<SseEvent> output)
    {
        if (_openKind == kind)
        {
            return;
        }

        Close(output);
        _openIndex = _nextIndex++;
        _openKind = kind;
        output.Add(Event("content_block_start", new JsonObject { ["type"] = "content_block_start", ["index"] = _openIndex, ["content_block"] = block }));
    }

    private void Close(List<SseEvent> output)
    {
        if (_openKind is null)
        {
            return;
        }

        output.Add(Event("content_block_stop", new JsonObject { ["type"] = "content_block_stop", ["index"] = _openIndex }));
        _openKind = null;
    }

    private SseEvent Delta(JsonObject delta) =>
        Event("content_block_delta", new JsonObject { ["type"] = "content_block_delta", ["index"] = _openIndex, ["delta"] = delta });

    private static SseEvent Event(string name, JsonObject data) => new(name, data.ToJsonString());
}
