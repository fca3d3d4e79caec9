using System.Numerics;

namespace DistillGuard.Intel.Import;

/// <summary>
/// Near-duplicate lookup of 64-bit SimHash sketches. Values are indexed by their four 16-bit bands: two sketches
/// within Hamming distance 3 agree exactly on at least one band (pigeonhole), so a lookup probes four tables
/// and checks the distance only for the few candidates found there.
/// </summary>
internal sealed class SketchIndex
{
    public const int MaxDistance = 3;

    private readonly Dictionary<(int Band, ushort Value), (ulong Sketch, int MaxDistance, IntelEntry Entry)[]> _bands;

    public SketchIndex(List<(ulong Sketch, int MaxDistance, IntelEntry Entry)> sketches)
    {
        var bands = new Dictionary<(int, ushort), List<(ulong, int, IntelEntry)>>();
        foreach (var item in sketches)
        {
            for (var band = 0; band < 4; band++)
            {
                var key = (band, (ushort)(item.Sketch >> (16 * band)));
                if (!bands.TryGetValue(key, out var list))
                {
                    bands[key] = list = [];
                }

                list.Add(item);
            }
        }

        _bands = new(bands.Count);
        foreach (var (key, list) in bands)
        {
            _bands[key] = [.. list];
        }

        Count = sketches.Count;
    }

    public int Count { get; }

    public IntelEntry? Find(ulong sketch, DateTime at)
    {
        if (Count == 0)
        {
            return null;
        }

        IntelEntry? best = null;
        for (var band = 0; band < 4; band++)
        {
            if (!_bands.TryGetValue((band, (ushort)(sketch >> (16 * band))), out var candidates))
            {
                continue;
            }

            foreach (var (value, maxDistance, entry) in candidates)
            {
                if (BitOperations.PopCount(value ^ sketch) <= maxDistance && entry.IsValidAt(at))
                {
                    best = IntelEntries.Better(best, entry);
                }
            }
        }

        return best;
    }
}
