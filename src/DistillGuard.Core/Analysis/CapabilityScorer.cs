using System.Runtime.CompilerServices;

namespace DistillGuard.Core.Analysis;

/// <summary>
/// Scores a token stream against <see cref="CapabilityLexicon"/>: for each word it probes the table with the
/// 1- to 4-word n-grams ending at that word (rolling keys, reset at sentence and line ends), adds capability
/// weights, and collects chain-of-thought / trace cues. Code blocks count toward coding, or toward data
/// analysis when tagged <c>sql</c>/<c>csv</c>. All words count, slots included: a payload's words say what it is about.
/// </summary>
internal struct CapabilityScorer
{
    private const float CodeBlockWeight = 3f;
    private const int MaxCountedCodeBlocks = 3;
    private const float InlineCodeWeight = 0.75f;
    private const int MaxCountedInlineCode = 4;

    private static readonly ulong SqlTag = Hash64.Word("sql");
    private static readonly ulong CsvTag = Hash64.Word("csv");

    private CapabilityScores _scores;
    private ulong _key1, _key2, _key3;

    private const int PrefixMark = 1;
    private const int StopWordMark = 2;

    public LexiconCue Cues { get; private set; }

    /// <summary>The last token added was a stop word (read by <see cref="SimHashSketch"/> right after).</summary>
    public bool LastWasStopWord { get; private set; }

    public int CotStrongHits { get; private set; }

    public int CotWeakHits { get; private set; }

    /// <summary>Words and identifiers seen.</summary>
    public int Words { get; private set; }

    public int CodeBlocks { get; private set; }

    public int InlineCode { get; private set; }

    public readonly float this[Capability capability] => _scores[(int)capability];

    public void Boost(Capability capability, float weight) => _scores[(int)capability] += weight;

    public void Add(in PromptToken token)
    {
        LastWasStopWord = false;
        switch (token.Kind)
        {
            case PromptTokenKind.Word or PromptTokenKind.Identifier:
                AddWord(token.Hash);
                return;
            case PromptTokenKind.CodeBlock:
                if (++CodeBlocks <= MaxCountedCodeBlocks)
                {
                    var data = token.Hash == SqlTag || token.Hash == CsvTag;
                    Boost(data ? Capability.DataAnalysis : Capability.Coding, CodeBlockWeight);
                }

                break;
            case PromptTokenKind.InlineCode:
                if (++InlineCode <= MaxCountedInlineCode)
                {
                    Boost(Capability.Coding, InlineCodeWeight);
                }

                break;
        }

        _key1 = _key2 = _key3 = 0;
    }

    /// <summary>
    /// Probes the n-grams ending at <paramref name="word"/>. The window only keeps an n-gram that is the start of some
    /// longer phrase, so most words cost one probe.
    /// </summary>
    private void AddWord(ulong word)
    {
        Words++;
        var unigram = Hash64.Combine(Hash64.SequenceSeed, word);
        var unigramMarks = Apply(unigram);
        LastWasStopWord = (unigramMarks & StopWordMark) != 0;
        ulong bigram = 0, trigram = 0;
        bool bigramIsPrefix = false, trigramIsPrefix = false;
        // Each window is independent: "step by step" completes through the kept bigram "step by" even though
        // "by" alone starts no phrase.
        if (_key1 != 0)
        {
            bigram = Hash64.Combine(_key1, word);
            bigramIsPrefix = (Apply(bigram) & PrefixMark) != 0;
        }

        if (_key2 != 0)
        {
            trigram = Hash64.Combine(_key2, word);
            trigramIsPrefix = (Apply(trigram) & PrefixMark) != 0;
        }

        if (_key3 != 0)
        {
            Apply(Hash64.Combine(_key3, word));
        }

        _key3 = trigramIsPrefix ? trigram : 0;
        _key2 = bigramIsPrefix ? bigram : 0;
        _key1 = (unigramMarks & PrefixMark) != 0 ? unigram : 0;
    }

    /// <summary>Applies every entry stored under <paramref name="key"/>; returns <see cref="PrefixMark"/> | <see cref="StopWordMark"/> as found.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Apply(ulong key)
    {
        var keys = CapabilityLexicon.Keys;
        var mask = keys.Length - 1;
        var slot = (int)key & mask;
        var marks = 0;
        while (true)
        {
            var candidate = keys[slot];
            if (candidate == 0)
            {
                return marks;
            }

            if (candidate == key)
            {
                ref readonly var entry = ref CapabilityLexicon.Entries[slot];
                if (entry.IsPrefix || entry.IsStopWord)
                {
                    marks |= (entry.IsPrefix ? PrefixMark : 0) | (entry.IsStopWord ? StopWordMark : 0);
                }
                else
                {
                    ApplyEntry(entry);
                }
            }

            slot = (slot + 1) & mask;
        }
    }

    private void ApplyEntry(in LexiconEntry entry)
    {
        if (entry.Cue == LexiconCue.None)
        {
            _scores[(int)entry.Capability] += entry.Weight;
            return;
        }

        Cues |= entry.Cue;
        if ((entry.Cue & LexiconCue.CotStrong) != 0)
        {
            CotStrongHits++;
        }

        if ((entry.Cue & LexiconCue.CotWeak) != 0)
        {
            CotWeakHits++;
        }
    }
}
