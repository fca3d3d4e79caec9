using System.Runtime.CompilerServices;

namespace DistillGuard.Core.Engine;

/// <summary>
/// Remembers a value per string <em>instance</em>, direct-mapped by the instance's identity hash. A scan's parsers hand
/// out one pooled instance per repeated value (account ids, addresses, agents), so most lookups become one reference
/// comparison instead of hashing and comparing the text; a new instance (the gateway's, say) simply misses. Only
/// pure functions of the text may be cached, so a hit and a miss give the same result.
/// </summary>
internal sealed class ReferenceCache<TValue>
{
    private readonly (string? Key, TValue Value)[] _slots;
    private readonly int _mask;

    /// <param name="slots">A power of two.</param>
    public ReferenceCache(int slots)
    {
        _slots = new (string?, TValue)[slots];
        _mask = slots - 1;
    }

    public bool TryGet(string key, out TValue value)
    {
        ref var slot = ref _slots[RuntimeHelpers.GetHashCode(key) & _mask];
        if (ReferenceEquals(slot.Key, key))
        {
            value = slot.Value;
            return true;
        }

        value = default!;
        return false;
    }

    public void Set(string key, TValue value) => _slots[RuntimeHelpers.GetHashCode(key) & _mask] = (key, value);
}
