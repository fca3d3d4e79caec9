namespace DistillGuard.Intel.Patterns;

/// <summary>Comparison expressions joined by <c>AND</c> or <c>OR</c> inside one observation.</summary>
internal sealed record ComparisonCompound(string Operator, IReadOnlyList<ComparisonNode> Terms) : ComparisonNode;
