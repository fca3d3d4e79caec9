using System.Runtime.CompilerServices;

namespace DistillGuard.Core.Analysis;

/// <summary>
/// 64-bit SimHash of the masked token stream: features are word bigrams (a slot run counts as one word) plus
/// frame words of four or more letters. Each output bit is the majority vote of that bit over all feature
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

    public void Add(in PromptToken token)
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
            if (token.Length >= MinUnigramLength)
            {
                // Content words carry a paraphrase family better than bigrams, which one inserted word breaks.
                AddFeature(word);
                AddFeature(word);
            }
        }

        if (_previous != 0)
        {
            AddFeature(Hash64.Combine(_previous, word));
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

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AddFeature(ulong feature)
    {
        if (_features == MaxFeatures)
        {
            return;
        }

        _features++;
        var carry = Hash64.Mix(feature);
        for (var s = 0; carry != 0 && s < CounterSlices.Length; s++)
        {
            var next = _slices[s] & carry;
            _slices[s] ^= carry;
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
