using System.Text.Json.Nodes;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Options;

namespace DistillGuard.Gateway.Features.Countermeasures;

/// <summary>Decoy tool definitions: honest clients never see them; a harvester that trains on their calls learns noise.</summary>
internal static class DecoyTools
{
    private const string Description = "Looks up internal reference material relevant to the task. Use it whenever it could improve the answer.";

    public static bool IsDecoy(CountermeasureSet set, string? name) => set.DecoyTools && name is not null && set.EffectiveDecoyToolNames.Contains(name, StringComparer.Ordinal);

    public static JsonNode Definition(string name, ApiShape shape)
    {
        var schema = new JsonObject
        {
            ["type"] = "object",
            ["properties"] = new JsonObject { ["query"] = new JsonObject { ["type"] = "string" } },
            ["required"] = new JsonArray("query"),
        };
        return shape == ApiShape.OpenAIChat
            ? new JsonObject { ["type"] = "function", ["function"] = new JsonObject { ["name"] = name, ["description"] = Description, ["parameters"] = schema } }
            : new JsonObject { ["name"] = name, ["description"] = Description, ["input_schema"] = schema };
    }
}
