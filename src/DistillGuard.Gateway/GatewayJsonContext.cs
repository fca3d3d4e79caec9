using System.Text.Json.Serialization;

namespace DistillGuard.Gateway;

/// <summary>Serializer metadata for the small JSON bodies the endpoints answer with (no reflection: native builds run it).</summary>
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class GatewayJsonContext : JsonSerializerContext;
