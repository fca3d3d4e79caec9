using System.Text.Json.Nodes;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Options;

namespace DistillGuard.Gateway.Features.Countermeasures;

/// <summary>Rewrites a suspect's request in its upstream shape: caps the output budget and declares decoy tools.</summary>
internal static class RequestCountermeasures
{
    /// <returns>
    /// The countermeasures the rewritten request carries: <paramref name="set"/>, or a copy without the decoys whose names
    /// the client's own tools already use (a second tool of one name makes the upstream refuse the request, and the
    /// client's own calls to it must not be stripped from the answer), or without any decoy when the client requires a
    /// tool call.
    /// </returns>
    public static CountermeasureSet Apply(JsonObject request, ApiShape shape, CountermeasureSet set)
    {
        if (set.MaxTokensCap is { } cap)
        {
            if (shape == ApiShape.OpenAIChat)
            {
                request["max_completion_tokens"] = Math.Min(Int(request["max_completion_tokens"]) ?? cap, cap);
                if (Int(request["max_tokens"]) is { } legacy)
                {
                    request["max_tokens"] = Math.Min(legacy, cap);
                }
            }
            else
            {
                var maxTokens = Math.Min(Int(request["max_tokens"]) ?? cap, cap);
                request["max_tokens"] = maxTokens;
                if (request["thinking"] is JsonObject thinking && Int(thinking["budget_tokens"]) is { } budget && budget >= maxTokens)
                {
                    // Anthropic requires budget_tokens < max_tokens and at least 1024.
                    if (maxTokens > 1024)
                    {
                        thinking["budget_tokens"] = maxTokens - 1;
                    }
                    else
                    {
                        request.Remove("thinking");
                    }
                }
            }
        }

        if (set.DecoyTools)
        {
            var own = request["tools"] as JsonArray;
            // A client that requires a tool call must get one of its own: a decoy's call, stripped, would leave it none.
            List<string> leftOut = RequiresAToolCall(request["tool_choice"], shape)
                ? [.. set.EffectiveDecoyToolNames]
                : [.. set.EffectiveDecoyToolNames.Where(name => own?.Any(tool => ToolName(tool, shape) == name) == true)];
            if (leftOut.Count > 0)
            {
                set = set.WithoutDecoys(leftOut);
            }

            if (set.DecoyTools)
            {
                if (own is null)
                {
                    own = [];
                    request["tools"] = own;
                }

                foreach (var name in set.EffectiveDecoyToolNames)
                {
                    own.Add(DecoyTools.Definition(name, shape));
                }
            }
        }

        return set;
    }

    /// <summary>Anthropic's <c>{"type": "any"}</c>, OpenAI's <c>"required"</c>: some tool must be called, the model picks which.</summary>
    private static bool RequiresAToolCall(JsonNode? choice, ApiShape shape) =>
        shape == ApiShape.OpenAIChat
            ? choice is JsonValue value && value.TryGetValue<string>(out var mode) && mode == "required"
            : (string?)(choice as JsonObject)?["type"] == "any";

    private static string? ToolName(JsonNode? tool, ApiShape shape) =>
        shape == ApiShape.OpenAIChat ? (string?)(tool?["function"] as JsonObject)?["name"] : (string?)(tool as JsonObject)?["name"];

    private static int? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var n) ? n : null;
}
