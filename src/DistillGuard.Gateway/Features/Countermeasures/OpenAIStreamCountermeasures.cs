using System.Text.Json.Nodes;
using DistillGuard.Gateway.Features.Streaming;

namespace DistillGuard.Gateway.Features.Countermeasures;

/// <summary>
/// Countermeasures inside an OpenAI Chat Completions stream: removes (or summarises once) <c>reasoning_content</c>
/// deltas and drops decoy tool-call deltas, renumbering the remaining tool calls.
/// </summary>
internal sealed class OpenAIStreamCountermeasures(Options.CountermeasureSet set) : ISseTransform
{
    private readonly Dictionary<int, int> _toolMap = [];
    private readonly HashSet<int> _decoys = [];
    private bool _summarized;
    private int _nextTool;

    public void Transform(SseEvent input, List<SseEvent> output)
    {
        if (input.Data == "[DONE]" || JsonNode.Parse(input.Data) is not JsonObject chunk || chunk["choices"] is not JsonArray choices)
        {
            output.Add(input);
            return;
        }

        foreach (var choice in choices)
        {
            if (choice is not JsonObject c)
            {
                continue;
            }

            if (c["delta"] is JsonObject delta)
            {
                _summarized = ResponseCountermeasures.WithholdReasoning(delta, set, _summarized);
                if (delta["tool_calls"] is JsonArray calls)
                {
                    FilterCalls(calls);
                    if (calls.Count == 0)
                    {
                        delta.Remove("tool_calls");
                    }
                }
            }

            if ((string?)c["finish_reason"] == "tool_calls" && _decoys.Count > 0 && _toolMap.Count == 0)
            {
                c["finish_reason"] = "stop";
            }
        }

        output.Add(new SseEvent(input.Name, chunk.ToJsonString()));
    }

    public void Complete(List<SseEvent> output)
    {
    }

    private void FilterCalls(JsonArray calls)
    {
        for (var i = calls.Count - 1; i >= 0; i--)
        {
            if (calls[i] is not JsonObject call)
            {
                continue;
            }

            var index = (int?)call["index"] ?? i;
            if (!_toolMap.ContainsKey(index) && !_decoys.Contains(index))
            {
                if (DecoyTools.IsDecoy(set, (string?)(call["function"] as JsonObject)?["name"]))
                {
                    _decoys.Add(index);
                }
                else
                {
                    _toolMap[index] = _nextTool++;
                }
            }

            if (_decoys.Contains(index))
            {
                calls.RemoveAt(i);
            }
            else
            {
                call["index"] = _toolMap[index];
            }
        }
    }
}
