namespace DistillGuard.Core.Analysis;

/// <summary>What a <see cref="PromptToken"/> is. Only words and identifiers carry lexical meaning.</summary>
internal enum PromptTokenKind : byte
{
    Word,
    Number,

    /// <summary>snake_case, camelCase, dotted.names, words with digits: always a slot.</summary>
    Identifier,
    Url,
    Email,

    /// <summary>A fenced code block; <see cref="PromptToken.Hash"/> is the hash of its language tag (0 when none).</summary>
    CodeBlock,
    InlineCode,

    /// <summary>'.', '!', '?' or ';': ends an n-gram window.</summary>
    SentenceEnd,
    LineBreak,

    /// <summary>A blank line.</summary>
    ParagraphBreak,
}
