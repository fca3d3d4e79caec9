using System.Globalization;
using System.Numerics;

namespace DistillGuard.Core.Analysis;

/// <summary>
/// The compiled lexicon: every phrase of <see cref="CapabilityTerms"/> and <see cref="CueTerms"/> hashed once into an
/// open-addressing table keyed by n-gram key (see <see cref="Hash64.Phrase"/>). A phrase may have several entries
/// (one per capability or cue); they share a key and sit in one probe run, so a lookup applies all of them.
/// </summary>
internal static partial class CapabilityLexicon
{
    /// <summary>Longest phrase, in words, that the n-gram window of <see cref="CapabilityScorer"/> can match.</summary>
    public const int MaxPhraseWords = 4;

    private static readonly ulong[] TableKeys;
    private static readonly LexiconEntry[] TableEntries;

    static CapabilityLexicon()
    {
        var items = new List<(ulong Key, LexiconEntry Entry)>();
        foreach (var (capability, lines) in CapabilityTerms)
        {
            foreach (var rawLine in lines.Split('\n'))
            {
                var line = rawLine.Trim();
                if (line.Length == 0)
                {
                    continue;
                }

                var space = line.IndexOf(' ', StringComparison.Ordinal);
                var weight = float.Parse(line.AsSpan(0, space), CultureInfo.InvariantCulture);
                AddPhrases(items, line[(space + 1)..], new LexiconEntry(capability, weight, LexiconCue.None));
            }
        }

        foreach (var (cue, phrases) in CueTerms)
        {
            AddPhrases(items, phrases, new LexiconEntry(Capability.Other, 0, cue));
        }

        AddPrefixes(items);
        foreach (var word in StopWords.Words)
        {
            items.Add((Hash64.Phrase(word), new LexiconEntry(Capability.Other, 0, LexiconCue.None, IsStopWord: true)));
        }

        var size = (int)BitOperations.RoundUpToPowerOf2((uint)(items.Count * 4));
        TableKeys = new ulong[size];
        TableEntries = new LexiconEntry[size];
        foreach (var (key, entry) in items)
        {
            var slot = (int)key & (size - 1);
            while (TableKeys[slot] != 0)
            {
                slot = (slot + 1) & (size - 1);
            }

            TableKeys[slot] = key;
            TableEntries[slot] = entry;
        }

        Count = items.Count;
    }

    /// <summary>Number of entries (phrases × capabilities/cues).</summary>
    public static int Count { get; }

    public static ReadOnlySpan<ulong> Keys => TableKeys;

    public static ReadOnlySpan<LexiconEntry> Entries => TableEntries;

    /// <summary>Adds one prefix marker per distinct proper prefix (1..n−1 words) of every multi-word phrase.</summary>
    private static void AddPrefixes(List<(ulong Key, LexiconEntry Entry)> items)
    {
        var prefixes = new HashSet<ulong>();
        foreach (var phrase in AllPhrases())
        {
            var key = Hash64.SequenceSeed;
            var words = phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            for (var i = 0; i < words.Length - 1; i++)
            {
                key = Hash64.Combine(key, Hash64.Word(words[i]));
                prefixes.Add(key);
            }
        }

        foreach (var key in prefixes)
        {
            items.Add((key, new LexiconEntry(Capability.Other, 0, LexiconCue.None, IsPrefix: true)));
        }
    }

    private static IEnumerable<string> AllPhrases()
    {
        foreach (var (_, lines) in CapabilityTerms)
        {
            foreach (var rawLine in lines.Split('\n'))
            {
                var line = rawLine.Trim();
                var space = line.IndexOf(' ', StringComparison.Ordinal);
                if (space > 0)
                {
                    foreach (var phrase in line[(space + 1)..].Split(','))
                    {
                        yield return phrase.Trim();
                    }
                }
            }
        }

        foreach (var (_, phrases) in CueTerms)
        {
            foreach (var phrase in phrases.Split(','))
            {
                yield return phrase.Trim();
            }
        }
    }

    private static void AddPhrases(List<(ulong, LexiconEntry)> items, string phrases, LexiconEntry entry)
    {
        foreach (var raw in phrases.Split(','))
        {
            var phrase = raw.Trim();
            if (phrase.Length == 0)
            {
                continue;
            }

            if (phrase.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > MaxPhraseWords)
            {
                throw new InvalidOperationException($"Lexicon phrase '{phrase}' has more than {MaxPhraseWords} words.");
            }

            items.Add((Hash64.Phrase(phrase), entry));
        }
    }
}
