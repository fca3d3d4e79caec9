namespace DistillGuard.Intel.Patterns;

internal enum PatternTokenKind
{
    End,
    LeftBracket,
    RightBracket,
    LeftParen,
    RightParen,
    Colon,
    Dot,
    Comma,
    Operator,
    Keyword,
    Identifier,
    String,
    Integer,
    Float,
    Hex,
    Binary,
    Timestamp,
    Boolean,
    Star,
}
