using System.Runtime.CompilerServices;

namespace DistillGuard.Core.Analysis;

/// <summary>
/// 64-bit SimHash of the masked token stream: features are word bigrams (a slot run counts as one word) plus
/// frame words of three or more letters that are not stop words (weight 4). Each output bit is the majority vote of that bit over all feature
/// hashes. Votes are kept in bit-sliced counters (one <c>ulong</c> per counter bit, a ripple-carry add per
/// feature), so adding a feature costs a handful of instructions instead of 64 increments.
/// </summary>
internal struct SimHashSketch
{
    private const int MaxFeatures = (1 << CounterSlices.Length) - 1;
    private const ulong SlotWord = 0x51075107UL;
    private const int MinUnigramLength = 3;

    private CounterSlices _slices;
    private int _features;
    private ulong _previous;
    private bool _inSlotRun;

    /// <param name="token">The next token.</param>
    /// <param name="stopWord">The token is a stop word (see <see cref="CapabilityScorer.LastWasStopWord"/>).</param>
    public void Add(in PromptToken token, bool stopWord)
    {
        if (token.IsBreak)
        {
            return;
        }

        ulong word;
        if (token.IsSlot)
        {
            if (_inSlotRun)
            {
                return;
            }

            _inSlotRun = true;
            word = SlotWord;
        }
        else
        {
            _inSlotRun = false;
            word = token.Hash;
            if (token.Length >= MinUnigramLength && !stopWord)
            {
                // Content words carry a paraphrase family better than bigrams, which one inserted word breaks:
                // they vote twice (word hashes are already mixed).
                AddVote(word, firstSlice: 2);
            }
        }

        if (_previous != 0)
        {
            AddVote(Hash64.Mix(Hash64.Combine(_previous, word)), firstSlice: 0);
        }

        _previous = word;
    }

    /// <summary>Majority vote per bit: a bit is set when more than half of the features had it set.</summary>
    public readonly ulong Finish()
    {
        if (_features == 0)
        {
            return 0;
        }

        // Bit-sliced comparison count > half, from the most significant counter bit down.
        var half = (uint)_features / 2;
        ulong greater = 0, equal = ulong.MaxValue;
        for (var s = CounterSlices.Length - 1; s >= 0; s--)
        {
            var threshold = ((half >> s) & 1) != 0 ? ulong.MaxValue : 0UL;
            greater |= equal & _slices[s] & ~threshold;
            equal &= ~(_slices[s] ^ threshold);
        }

        return greater;
    }

    /// <summary>
    /// Adds one vote per set bit of <paramref name="bits"/>, weighted 2^<paramref name="firstSlice"/>: a ripple-carry
    /// add into the bit-sliced counters starting at that slice.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddVote(ulong bits, int firstSlice)
    {
        var weight = 1 << firstSlice;
        if (_features > MaxFeatures - weight)
        {
            return;
        }

        _features += weight;
        var carry = bits;
        Span<ulong> slices = _slices;
        for (var s = firstSlice; carry != 0 && (uint)s < (uint)slices.Length; s++)
        {
            var next = slices[s] & carry;
            slices[s] ^= carry;
            carry = next;
        }
    }

    /// <summary>Sixteen bit-slices: per-bit counters up to 65,535 features.</summary>
    [InlineArray(Length)]
    private struct CounterSlices
    {
        public const int Length = 16;
        private ulong _element0;
    }
}
