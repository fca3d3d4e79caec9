namespace DistillGuard.Intel.Patterns;

/// <summary>A constant in a comparison: its kind (string, integer, float, hex, binary, timestamp, boolean) and decoded text.</summary>
internal readonly record struct PatternLiteral(PatternTokenKind Kind, string Text);
