namespace DistillGuard.Intel.Import;

/// <summary>Lookup helpers over the entry lists the index keeps per value (most confident first).</summary>
internal static class IntelEntries
{
    /// <summary>The most confident entry valid at <paramref name="at"/>, or null.</summary>
    public static IntelEntry? FirstValid(IntelEntry[] entries, DateTime at)
    {
        foreach (var entry in entries)
        {
            if (entry.IsValidAt(at))
            {
                return entry;
            }
        }

        return null;
    }

    /// <summary>Keeps the more confident of two candidates; on a tie the earlier (more specific) one.</summary>
    public static IntelEntry? Better(IntelEntry? current, IntelEntry? candidate) =>
        candidate is not null && (current is null || candidate.Confidence > current.Confidence) ? candidate : current;

    public static Dictionary<TKey, IntelEntry[]> Freeze<TKey>(Dictionary<TKey, List<IntelEntry>> source)
        where TKey : notnull
    {
        var frozen = new Dictionary<TKey, IntelEntry[]>(source.Count);
        foreach (var (key, list) in source)
        {
            list.Sort(static (a, b) => b.Confidence.CompareTo(a.Confidence));
            frozen[key] = [.. list];
        }

        return frozen;
    }
}
