using System.Text.Json.Serialization;

namespace DistillGuard.Simulation.Evaluation;

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(EvaluationReport))]
internal sealed partial class EvaluationJsonContext : JsonSerializerContext;
