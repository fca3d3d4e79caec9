namespace DistillGuard.Simulation.Generation;

/// <summary>
/// xoshiro256** generator seeded through SplitMix64. Our own so that output is byte-identical across .NET
/// versions and platforms (System.Random's algorithm is an implementation detail), and cheap to create per actor.
/// </summary>
internal sealed class SimRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public SimRandom(ulong seed)
    {
        var x = seed;
        _s0 = SplitMix(ref x);
        _s1 = SplitMix(ref x);
        _s2 = SplitMix(ref x);
        _s3 = SplitMix(ref x);
    }

    /// <summary>A generator for a named sub-stream: same parent seed and name, same stream.</summary>
    public static SimRandom For(ulong seed, string name, long index = 0) =>
        new(StableHash.Mix(StableHash.Mix(seed, StableHash.Of(name)), (ulong)index));

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [0, maxExclusive).</summary>
    public int Next(int maxExclusive) => maxExclusive <= 1 ? 0 : (int)((NextUInt64() >> 33) % (ulong)maxExclusive);

    public int Next(int minInclusive, int maxExclusive) => minInclusive + Next(maxExclusive - minInclusive);

    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    public bool Chance(double probability) => NextDouble() < probability;

    public T Pick<T>(IReadOnlyList<T> items) => items[Next(items.Count)];

    /// <summary>Exponential with the given mean.</summary>
    public double Exponential(double mean) => -mean * Math.Log(1.0 - NextDouble());

    public double Normal()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }

    /// <summary>Log-normal with the given median and log-space spread: heavy-tailed volumes.</summary>
    public double LogNormal(double median, double sigma) => median * Math.Exp(sigma * Normal());

    /// <summary>Geometric count ≥ 1 with the given mean.</summary>
    public int Geometric(double mean)
    {
        if (mean <= 1)
        {
            return 1;
        }

        var p = 1.0 / mean;
        return 1 + (int)Math.Floor(Math.Log(1.0 - NextDouble()) / Math.Log(1.0 - p));
    }

    /// <summary>Index drawn in proportion to <paramref name="weights"/>.</summary>
    public int PickWeighted(IReadOnlyList<double> weights)
    {
        var total = 0.0;
        for (var i = 0; i < weights.Count; i++)
        {
            total += weights[i];
        }

        var x = NextDouble() * total;
        for (var i = 0; i < weights.Count; i++)
        {
            x -= weights[i];
            if (x < 0)
            {
                return i;
            }
        }

        return weights.Count - 1;
    }

    private static ulong SplitMix(ref ulong x)
    {
        x += 0x9E3779B97F4A7C15UL;
        var z = x;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}
