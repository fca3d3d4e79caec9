using System.Collections.Frozen;

namespace DistillGuard.Core.Analysis;

/// <summary>
/// Line-start labels ("Problem:", "Input text:", "Response A:") whose following text is a template's variable
/// payload. Deliberately excludes "Instruction(s)" and "Task": what follows those is usually the frame itself.
/// </summary>
internal static class PayloadLabels
{
    private static readonly string[] Labels =
    [
        "problem", "problem statement", "question", "input", "input text", "input data", "code", "source code",
        "code snippet", "snippet", "function", "program", "text", "passage", "context", "document", "article",
        "excerpt", "paragraph", "content", "query", "user query", "user request", "user message", "request",
        "data", "dataset", "table", "csv", "json", "log", "logs", "error", "stack trace", "file",
        "story", "email", "essay", "sentence", "sentences", "review", "statement", "claim", "premise",
        "hypothesis", "answer", "final answer", "reference answer", "correct answer", "solution", "response",
        "response a", "response b", "model response", "assistant response", "candidate", "output",
        "conversation", "dialogue", "transcript", "message", "prompt", "topic", "title", "subject", "example",
        "word", "words", "list", "items", "numbers", "scenario", "case", "product", "description", "reference",
        "premises", "conclusion", "options", "choices", "target", "source", "original", "original text",
    ];

    private static readonly FrozenSet<ulong> Keys = Build();

    public static bool Contains(ulong phraseKey) => Keys.Contains(phraseKey);

    private static FrozenSet<ulong> Build()
    {
        var keys = new HashSet<ulong>();
        foreach (var label in Labels)
        {
            keys.Add(Hash64.Phrase(label));
        }

        return keys.ToFrozenSet();
    }
}
