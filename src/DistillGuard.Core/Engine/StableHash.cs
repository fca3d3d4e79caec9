namespace DistillGuard.Core.Engine;

/// <summary>
/// FNV-1a over UTF-16 code units. The engine needs hashes that are the same on every run and machine
/// (string.GetHashCode is randomised per process), because keys decide clustering and campaign ids.
/// </summary>
internal static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(ReadOnlySpan<char> text) => Continue(Offset, text);

    public static ulong Continue(ulong hash, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return hash;
    }

    public static ulong Mix(ulong hash, ulong value)
    {
        hash = (hash ^ value) * Prime;
        hash ^= hash >> 29;
        return hash * Prime;
    }
}
