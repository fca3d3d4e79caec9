namespace DistillGuard.Intel.Patterns;

/// <summary>One lexical token of a STIX pattern; <see cref="Text"/> is the decoded value for literals.</summary>
internal readonly record struct PatternToken(PatternTokenKind Kind, string Text, int Position)
{
    public bool Is(PatternTokenKind kind, string text) => Kind == kind && Text == text;

    public override string ToString() => Kind switch
    {
        PatternTokenKind.End => "end of pattern",
        PatternTokenKind.String => $"'{Text}'",
        _ => $"'{Text}'",
    };
}
