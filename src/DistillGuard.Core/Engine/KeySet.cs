namespace DistillGuard.Core.Engine;

/// <summary>
/// A small capped set of 64-bit keys in one array. Past the cap the oldest slot is replaced (so windows keep
/// moving) and <see cref="Seen"/> still counts distinct additions, which measures diversity without storing it.
/// </summary>
internal sealed class KeySet
{
    private readonly ulong[] _keys;
    private int _next;

    public KeySet(int capacity) => _keys = new ulong[capacity];

    /// <summary>Distinct keys ever added (keys evicted and re-added count again: an upper bound).</summary>
    public int Seen { get; private set; }

    public int Count => Math.Min(Seen, _keys.Length);

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
        Seen++;
        return true;
    }
}
