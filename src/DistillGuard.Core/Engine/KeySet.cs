using System.Numerics;
using System.Runtime.CompilerServices;

namespace DistillGuard.Core.Engine;

/// <summary>
/// A small capped set of 64-bit keys in one array, and how many distinct keys it has been given. Past the cap the
/// oldest slot is replaced (so windows keep moving). <see cref="Seen"/> is exact until the first key is evicted;
/// after that it is estimated by a 64-register HyperLogLog in four words, because counting every re-added key (what
/// this set once did) made an office developer cycling among 8 NAT addresses look like 40 rotating proxy exits.
/// </summary>
internal sealed class KeySet
{
    private const int Registers = 64;

    // HyperLogLog's bias correction for 64 registers (Flajolet et al. 2007).
    private const double Alpha = 0.709;

    private readonly ulong[] _keys;
    private int _next;
    private int _added;

    // Seen past the first eviction, computed when read after a register changed (-1: not since): an account's
    // behaviour reads it at every evaluation, while registers change only with a new key's higher rank.
    private int _estimate = -1;

    // 64 registers of 4 bits, 16 to a word, inline in the set. A rank above 15 would need about 2^15 distinct keys
    // per register, far beyond any account's addresses, so it is capped there.
    private RegisterWords _registers;

    public KeySet(int capacity) => _keys = new ulong[capacity];

    /// <summary>
    /// Distinct keys ever added: exact while no key was evicted, then a HyperLogLog estimate (standard error about
    /// 13 %, near exact below a few dozen keys), never below the capacity plus one that an eviction implies.
    /// </summary>
    public int Seen => _added <= _keys.Length ? _added
        : _estimate >= 0 ? _estimate
        : _estimate = Math.Max(_keys.Length + 1, (int)Math.Round(Estimate()));

    public int Count => Math.Min(_added, _keys.Length);

    public ulong this[int index] => _keys[index];

    public bool Contains(ulong key)
    {
        var count = Count;
        for (var i = 0; i < count; i++)
        {
            if (_keys[i] == key)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Adds the key; true when it was not present.</summary>
    public bool Add(ulong key)
    {
        if (key == 0 || Contains(key))
        {
            return false;
        }

        _keys[_next] = key;
        _next = (_next + 1) % _keys.Length;
        _added++;
        Observe(key);
        return true;
    }

    private void Observe(ulong key)
    {
        var h = Mix(key);
        var index = (int)(h >> 58);
        var rank = Math.Min(15, BitOperations.LeadingZeroCount(h << 6) + 1);
        ref var word = ref _registers[index >> 4];
        var shift = (index & 15) * 4;
        if ((int)((word >> shift) & 0xF) < rank)
        {
            word = (word & ~(0xFUL << shift)) | ((ulong)rank << shift);
            _estimate = -1;
        }
    }

    private double Estimate()
    {
        double sum = 0;
        var zeros = 0;
        for (var i = 0; i < Registers; i++)
        {
            var rank = (int)((_registers[i >> 4] >> ((i & 15) * 4)) & 0xF);
            sum += Math.ScaleB(1, -rank);
            zeros += rank == 0 ? 1 : 0;
        }

        var estimate = Alpha * Registers * Registers / sum;

        // Small range: linear counting on the empty registers is the better estimate.
        return estimate <= 2.5 * Registers && zeros > 0 ? Registers * Math.Log((double)Registers / zeros) : estimate;
    }

    /// <summary>The SplitMix64 finaliser: keys are hashes already, but of varying quality (an ASN is a small number).</summary>
    private static ulong Mix(ulong x)
    {
        x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9UL;
        x = (x ^ (x >> 27)) * 0x94d049bb133111ebUL;
        return x ^ (x >> 31);
    }

    [InlineArray(Registers / 16)]
    private struct RegisterWords
    {
        private ulong _word;
    }
}
