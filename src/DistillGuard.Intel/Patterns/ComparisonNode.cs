namespace DistillGuard.Intel.Patterns;

/// <summary>A comparison expression: what sits inside one observation's brackets.</summary>
internal abstract record ComparisonNode;
