namespace DistillGuard.Intel.Patterns;

/// <summary>A STIX pattern that does not follow the patterning grammar; <see cref="Position"/> is 0-based.</summary>
internal sealed class PatternSyntaxException(string message, int position)
    : FormatException($"at character {position + 1}: {message}")
{
    public int Position { get; } = position;
}
