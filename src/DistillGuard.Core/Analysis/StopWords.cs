using System.Collections.Frozen;

namespace DistillGuard.Core.Analysis;

/// <summary>
/// Function words and instruction boilerplate that every English prompt shares. They still count in template ids
/// and bigrams, but do not vote as unigrams in the SimHash sketch, where they would pull unrelated prompts together.
/// </summary>
internal static class StopWords
{
    private static readonly FrozenSet<ulong> Hashes = Build(
        "the", "and", "for", "you", "are", "with", "that", "this", "what", "from", "your", "have", "will", "can", "not",
        "but", "all", "any", "how", "its", "our", "was", "were", "has", "had", "into", "than", "then", "them", "they",
        "their", "there", "these", "those", "which", "who", "would", "should", "could", "about", "each", "every", "some",
        "such", "only", "also", "just", "more", "most", "other", "very", "please", "following", "given", "below", "above",
        "here", "use", "using", "make", "like", "one", "two", "out", "get", "may", "might", "must", "does", "did", "don't",
        "it's", "i'm", "when", "where", "why", "whether", "because", "while", "after", "before", "over", "under", "between");

    public static bool Contains(ulong wordHash) => Hashes.Contains(wordHash);

    private static FrozenSet<ulong> Build(params string[] words)
    {
        var set = new HashSet<ulong>();
        foreach (var word in words)
        {
            set.Add(Hash64.Word(word));
        }

        return set.ToFrozenSet();
    }
}
