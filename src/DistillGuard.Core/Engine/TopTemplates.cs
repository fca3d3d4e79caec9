namespace DistillGuard.Core.Engine;

/// <summary>
/// Misra-Gries summary of an account's most frequent templates in fixed arrays (k = 6, about 80 bytes):
/// any template above 1/(k+1) of the traffic is guaranteed to be kept, and counts are lower bounds.
/// </summary>
internal sealed class TopTemplates
{
    public const int Capacity = 6;

    private readonly ulong[] _keys = new ulong[Capacity];
    private readonly int[] _counts = new int[Capacity];

    /// <summary>Counts one occurrence and returns the template's (lower-bound) count afterwards, 0 if not kept.</summary>
    public int Add(ulong key)
    {
        var free = -1;
        for (var i = 0; i < Capacity; i++)
        {
            if (_counts[i] > 0 && _keys[i] == key)
            {
                return ++_counts[i];
            }

            if (_counts[i] == 0 && free < 0)
            {
                free = i;
            }
        }

        if (free >= 0)
        {
            _keys[free] = key;
            _counts[free] = 1;
            return 1;
        }

        for (var i = 0; i < Capacity; i++)
        {
            _counts[i]--;
        }

        return 0;
    }

    /// <summary>The (lower-bound) count of <paramref name="key"/>, 0 when it is not among the kept templates.</summary>
    public int CountOf(ulong key)
    {
        for (var i = 0; i < Capacity; i++)
        {
            if (_counts[i] > 0 && _keys[i] == key)
            {
                return _counts[i];
            }
        }

        return 0;
    }

    /// <summary>Exchanges covered by templates seen at least <paramref name="minCount"/> times.</summary>
    public long Covered(int minCount)
    {
        long sum = 0;
        for (var i = 0; i < Capacity; i++)
        {
            if (_counts[i] >= minCount)
            {
                sum += _counts[i];
            }
        }

        return sum;
    }

    /// <summary>Number of templates seen at least <paramref name="minCount"/> times.</summary>
    public int Distinct(int minCount)
    {
        var n = 0;
        for (var i = 0; i < Capacity; i++)
        {
            if (_counts[i] >= minCount)
            {
                n++;
            }
        }

        return n;
    }
}
