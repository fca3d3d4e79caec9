using System.Text.Json.Nodes;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Options;

namespace DistillGuard.Gateway.Features.Countermeasures;

/// <summary>Rewrites a suspect's request in its upstream shape: caps the output budget and declares decoy tools.</summary>
internal static class RequestCountermeasures
{
    public static void Apply(JsonObject request, ApiShape shape, CountermeasureSet set)
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
            if (request["tools"] is not JsonArray tools)
            {
                tools = [];
                request["tools"] = tools;
            }

            foreach (var name in set.EffectiveDecoyToolNames)
            {
                tools.Add(DecoyTools.Definition(name, shape));
            }
        }
    }

    private static int? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue<int>(out var n) ? n : null;
}
