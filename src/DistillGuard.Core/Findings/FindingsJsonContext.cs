using System.Text.Json.Serialization;

namespace DistillGuard.Core.Findings;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    WriteIndented = true,
    Converters = [typeof(UtcSecondsConverter)])]
[JsonSerializable(typeof(FindingsDocument))]
internal sealed partial class FindingsJsonContext : JsonSerializerContext;
