namespace DistillGuard.Intel.Patterns;

/// <summary><c>[ comparison ]</c>: one observed object must satisfy the comparison.</summary>
internal sealed record Observation(ComparisonNode Comparison, IReadOnlyList<string> Qualifiers) : ObservationNode(Qualifiers);
