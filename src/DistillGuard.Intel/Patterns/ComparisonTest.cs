namespace DistillGuard.Intel.Patterns;

/// <summary>
/// One property test: <c>ipv4-addr:value = '203.0.113.0/24'</c>. <see cref="Path"/> is what follows the colon;
/// <see cref="Values"/> holds one literal, a set for <c>IN</c>, or none for <c>EXISTS</c>.
/// </summary>
internal sealed record ComparisonTest(string ObjectType, string Path, string Operator, bool Negated, IReadOnlyList<PatternLiteral> Values) : ComparisonNode;
