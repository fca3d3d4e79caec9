using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Truth;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true)]
[JsonSerializable(typeof(TruthDocument))]
internal sealed partial class TruthJsonContext : JsonSerializerContext;
