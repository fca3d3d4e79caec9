using System.Text.Json.Nodes;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Options;

namespace DistillGuard.Gateway.Features.Countermeasures;

/// <summary>Rewrites a suspect's non-streamed response in the client's shape: withholds reasoning, strips decoy calls.</summary>
internal static class ResponseCountermeasures
{
    public static void Apply(JsonObject response, ApiShape shape, CountermeasureSet set)
    {
        if (shape == ApiShape.OpenAIChat)
        {
            ApplyOpenAI(response, set);
        }
        else
        {
            ApplyAnthropic(response, set);
        }
    }

    private static void ApplyAnthropic(JsonObject response, CountermeasureSet set)
    {
        if (response["content"] is not JsonArray content)
        {
            return;
        }

        var strippedDecoy = false;
        var keptTool = false;
        for (var i = content.Count - 1; i >= 0; i--)
        {
            if (content[i] is not JsonObject block)
            {
                continue;
            }

            var type = (string?)block["type"];
            if (type is "thinking" or "redacted_thinking")
            {
                if (set.Reasoning == ReasoningPolicy.Drop)
                {
                    content.RemoveAt(i);
                }
                else if (set.Reasoning == ReasoningPolicy.Summarize)
                {
                    content[i] = new JsonObject { ["type"] = "thinking", ["thinking"] = set.ReasoningSummary, ["signature"] = string.Empty };
                }
            }
            else if (type == "tool_use")
            {
                if (DecoyTools.IsDecoy(set, (string?)block["name"]))
                {
                    content.RemoveAt(i);
                    strippedDecoy = true;
                }
                else
                {
                    keptTool = true;
                }
            }
        }

        if (strippedDecoy && !keptTool && (string?)response["stop_reason"] == "tool_use")
        {
            response["stop_reason"] = "end_turn";
        }
    }

    private static void ApplyOpenAI(JsonObject response, CountermeasureSet set)
    {
        if (response["choices"] is not JsonArray choices)
        {
            return;
        }

        foreach (var choice in choices)
        {
            if (choice is not JsonObject c || c["message"] is not JsonObject message)
            {
                continue;
            }

            WithholdReasoning(message, set, summarized: false);
            if (message["tool_calls"] is JsonArray calls && StripDecoyCalls(calls, set) && calls.Count == 0)
            {
                message.Remove("tool_calls");
                if ((string?)c["finish_reason"] == "tool_calls")
                {
                    c["finish_reason"] = "stop";
                }
            }
        }
    }

    /// <summary>Drops or replaces <c>reasoning_content</c>; returns whether a summary was written.</summary>
    internal static bool WithholdReasoning(JsonObject holder, CountermeasureSet set, bool summarized)
    {
        if (set.Reasoning == ReasoningPolicy.Keep || !holder.ContainsKey("reasoning_content"))
        {
            return summarized;
        }

        if (set.Reasoning == ReasoningPolicy.Summarize && !summarized)
        {
            holder["reasoning_content"] = set.ReasoningSummary;
            return true;
        }

        holder.Remove("reasoning_content");
        return summarized;
    }

    private static bool StripDecoyCalls(JsonArray calls, CountermeasureSet set)
    {
        var stripped = false;
        for (var i = calls.Count - 1; i >= 0; i--)
        {
            if (calls[i] is JsonObject call && call["function"] is JsonObject function && DecoyTools.IsDecoy(set, (string?)function["name"]))
            {
                calls.RemoveAt(i);
                stripped = true;
            }
        }

        return stripped;
    }
}
