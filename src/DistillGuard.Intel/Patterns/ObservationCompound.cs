namespace DistillGuard.Intel.Patterns;

/// <summary>Observation expressions joined by <c>AND</c>, <c>OR</c> or <c>FOLLOWEDBY</c>.</summary>
internal sealed record ObservationCompound(string Operator, IReadOnlyList<ObservationNode> Terms, IReadOnlyList<string> Qualifiers) : ObservationNode(Qualifiers);
