using System.Numerics;

namespace DistillGuard.Core.Engine;

/// <summary>A growable set of small non-negative indices (account indices), enumerated in ascending order.</summary>
internal sealed class IndexBits
{
    private ulong[] _words = new ulong[16];

    public void Set(int index, bool value)
    {
        var word = index >> 6;
        if (word >= _words.Length)
        {
            if (!value)
            {
                return;
            }

            Array.Resize(ref _words, Math.Max(_words.Length * 2, word + 1));
        }

        var bit = 1UL << (index & 63);
        _words[word] = value ? _words[word] | bit : _words[word] & ~bit;
    }

    /// <summary>Empties the set, keeping its capacity.</summary>
    public void Clear() => Array.Clear(_words);

    public Enumerator GetEnumerator() => new(_words);

    /// <summary>Walks the set bits word by word; the set must not change while it runs.</summary>
    public struct Enumerator(ulong[] words)
    {
        private int _word = -1;
        private ulong _bits;

        public int Current { get; private set; }

        public bool MoveNext()
        {
            while (_bits == 0)
            {
                if (++_word >= words.Length)
                {
                    return false;
                }

                _bits = words[_word];
            }

            Current = (_word << 6) + BitOperations.TrailingZeroCount(_bits);
            _bits &= _bits - 1;
            return true;
        }
    }
}
