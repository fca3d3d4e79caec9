namespace DistillGuard.Intel.Patterns;

/// <summary>An observation expression, with the qualifiers (<c>WITHIN 60 SECONDS</c>...) that follow it.</summary>
internal abstract record ObservationNode(IReadOnlyList<string> Qualifiers);
