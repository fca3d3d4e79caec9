using System.Numerics;
using System.Runtime.CompilerServices;

namespace DistillGuard.Core.Analysis;

/// <summary>
/// The 64-bit hashing every analyser shares: FNV-1a over case-folded characters for words, and an
/// order-dependent multiply–xorshift combiner for sequences (template frames, n-grams, shingles).
/// Written here because xxHash / System.IO.Hashing are not available; stable across processes and
/// platforms, so ids can be compared between runs and machines.
/// </summary>
internal static class Hash64
{
    public const ulong FnvOffset = 14695981039346656037UL;
    public const ulong FnvPrime = 1099511628211UL;
    private const ulong Golden = 0x9E3779B97F4A7C15UL;

    /// <summary>Seed of every sequence (n-gram key, frame hash).</summary>
    public const ulong SequenceSeed = 0x6A09E667F3BCC909UL;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Step(ulong hash, char folded) => (hash ^ folded) * FnvPrime;

    /// <summary>Case-folds one character without allocating: ASCII by bit trick, the rest invariantly.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static char Fold(char c)
    {
        if (c < 128)
        {
            return (uint)(c - 'A') <= 'Z' - 'A' ? (char)(c | 0x20) : c;
        }

        return FoldNonAscii(c);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static char FoldNonAscii(char c) => c == '\u2019' ? '\'' : char.ToLowerInvariant(c);

    /// <summary>MurmurHash3's 64-bit finaliser: full avalanche, used before bits are read individually.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Mix(ulong h)
    {
        h ^= h >> 33;
        h *= 0xFF51AFD7ED558CCDUL;
        h ^= h >> 33;
        h *= 0xC4CEB9FE1A85EC53UL;
        h ^= h >> 33;
        return h;
    }

    /// <summary>
    /// Appends <paramref name="value"/> to the sequence hash <paramref name="hash"/> (order matters). The value must
    /// already be well mixed (a word hash from <see cref="Word"/>, another combined hash or a random constant):
    /// skipping a second finaliser here keeps an n-gram probe to one multiply.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ulong Combine(ulong hash, ulong value)
    {
        var h = (BitOperations.RotateLeft(hash, 27) ^ value) * Golden;
        return h ^ (h >> 31);
    }

    /// <summary>Hash of one word exactly as <see cref="PromptTokenizer"/> computes it (case-folded FNV-1a, mixed).</summary>
    public static ulong Word(ReadOnlySpan<char> word)
    {
        var h = FnvOffset;
        foreach (var c in word)
        {
            h = Step(h, Fold(c));
        }

        return Mix(h);
    }

    /// <summary>Key of a space-separated phrase as the n-gram window of <see cref="CapabilityScorer"/> computes it.</summary>
    public static ulong Phrase(string phrase)
    {
        var key = SequenceSeed;
        foreach (var range in phrase.AsSpan().Split(' '))
        {
            var word = phrase.AsSpan()[range];
            if (!word.IsEmpty)
            {
                key = Combine(key, Word(word));
            }
        }

        return key == 0 ? 1 : key;
    }
}
