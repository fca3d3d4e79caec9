namespace DistillGuard.Intel.Import;

/// <summary>
/// Longest-prefix match over IP blocks: one hash table per prefix length in use (typically /32 and /24, or
/// /128 and /48), probed longest first, so a lookup is a handful of hash probes whatever the number of blocks.
/// </summary>
internal sealed class PrefixTable
{
    private readonly int _bits;
    private readonly int[] _prefixes;
    private readonly UInt128[] _masks;
    private readonly Dictionary<UInt128, IntelEntry[]>[] _tables;

    public PrefixTable(int bits, Dictionary<int, Dictionary<UInt128, List<IntelEntry>>> byPrefix)
    {
        _bits = bits;
        _prefixes = [.. byPrefix.Keys.OrderDescending()];
        _masks = new UInt128[_prefixes.Length];
        _tables = new Dictionary<UInt128, IntelEntry[]>[_prefixes.Length];
        for (var i = 0; i < _prefixes.Length; i++)
        {
            _masks[i] = IpAddressText.Mask(_prefixes[i], bits);
            _tables[i] = IntelEntries.Freeze(byPrefix[_prefixes[i]]);
        }
    }

    public int Count
    {
        get
        {
            var count = 0;
            foreach (var table in _tables)
            {
                count += table.Count;
            }

            return count;
        }
    }

    public IntelEntry? Find(UInt128 address, DateTime at)
    {
        for (var i = 0; i < _tables.Length; i++)
        {
            if (_tables[i].TryGetValue(address & _masks[i], out var entries) && IntelEntries.FirstValid(entries, at) is { } entry)
            {
                return entry;
            }
        }

        return null;
    }

    public override string ToString() => $"{Count} IPv{(_bits == 32 ? 4 : 6)} values in {_prefixes.Length} prefix lengths";
}
