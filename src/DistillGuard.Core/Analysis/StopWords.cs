namespace DistillGuard.Core.Analysis;

/// <summary>
/// Function words and instruction boilerplate that every English prompt shares. They still count in template ids
/// and bigrams, but do not vote as unigrams in the SimHash sketch, where they would pull unrelated prompts together. They live in
/// <see cref="CapabilityLexicon"/>'s table, so recognising one costs no extra probe.
/// </summary>
internal static class StopWords
{
    public static readonly string[] Words =
    [
        "the", "and", "for", "you", "are", "with", "that", "this", "what", "from", "your", "have", "will", "can", "not",
        "but", "all", "any", "how", "its", "our", "was", "were", "has", "had", "into", "than", "then", "them", "they",
        "their", "there", "these", "those", "which", "who", "would", "should", "could", "about", "each", "every", "some",
        "such", "only", "also", "just", "more", "most", "other", "very", "please", "following", "given", "below", "above",
        "here", "use", "using", "make", "like", "one", "two", "out", "get", "may", "might", "must", "does", "did", "don't",
        "it's", "i'm", "when", "where", "why", "whether", "because", "while", "after", "before", "over", "under", "between",
    ];
}
