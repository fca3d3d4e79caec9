using System.Text.Json.Nodes;
using DistillGuard.Intel.Export;

namespace DistillGuard.Intel.Tests;

/// <summary>Exports <see cref="TestFindings"/> and gives the bundle as JSON nodes to inspect or break.</summary>
internal static class BundleFixture
{
    public static StixExportOptions Options(Action<StixExportOptions>? configure = null)
    {
        var options = new StixExportOptions { Producer = "Example AI Provider" };
        configure?.Invoke(options);
        return options;
    }

    public static string Json(Action<StixExportOptions>? configure = null) => StixExport.ToJson(TestFindings.Create(), Options(configure));

    public static JsonObject Bundle(Action<StixExportOptions>? configure = null) => JsonNode.Parse(Json(configure))!.AsObject();

    public static IEnumerable<JsonObject> Objects(JsonObject bundle) => bundle["objects"]!.AsArray().Select(o => o!.AsObject());

    public static IEnumerable<JsonObject> OfType(JsonObject bundle, string type) => Objects(bundle).Where(o => (string)o["type"]! == type);

    public static (JsonObject Object, int Index) First(JsonObject bundle, string type, Func<JsonObject, bool>? predicate = null)
    {
        var objects = bundle["objects"]!.AsArray();
        for (var i = 0; i < objects.Count; i++)
        {
            var obj = objects[i]!.AsObject();
            if ((string)obj["type"]! == type && (predicate is null || predicate(obj)))
            {
                return (obj, i);
            }
        }

        throw new InvalidOperationException($"no {type} in bundle");
    }
}
