using System.Text.Json;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>Machine-readable form of an <see cref="EvaluationReport"/> (snake_case JSON).</summary>
public static class EvaluationSerializer
{
    public static string ToJson(EvaluationReport report) => JsonSerializer.Serialize(report, EvaluationJsonContext.Default.EvaluationReport);
}
