namespace DistillGuard.Simulation.Generation;

/// <summary>
/// Stable 64-bit hashing (FNV-1a then a finaliser). string.GetHashCode is randomised per process, and operator
/// infrastructure must come out the same in every scenario and every run, so everything derived from a name goes
/// through here.
/// </summary>
internal static class StableHash
{
    public static ulong Of(string text)
    {
        var hash = 0xCBF29CE484222325UL;
        foreach (var c in text)
        {
            hash ^= c;
            hash *= 0x100000001B3UL;
        }

        return Finalise(hash);
    }

    public static ulong Mix(ulong a, ulong b) => Finalise(a ^ (b + 0x9E3779B97F4A7C15UL + (a << 6) + (a >> 2)));

    /// <summary>Lower-case hex of a hash, <paramref name="digits"/> long (≤ 16).</summary>
    public static string Hex(ulong hash, int digits) => hash.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)[..digits];

    private static ulong Finalise(ulong z)
    {
        z = (z ^ (z >> 33)) * 0xFF51AFD7ED558CCDUL;
        z = (z ^ (z >> 33)) * 0xC4CEB9FE1A85EC53UL;
        return z ^ (z >> 33);
    }
}
