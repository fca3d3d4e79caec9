namespace DistillGuard.Gateway.Features.Operations;

/// <summary>
/// A lock-free latency histogram on fixed buckets, recorded on the request path and rendered by
/// <see cref="PrometheusTextWriter"/>. The sum is kept in whole microseconds so it can be added atomically.
/// </summary>
internal sealed class LatencyHistogram
{
    /// <summary>Upper bounds (seconds) of the buckets; one more bucket past the last holds everything slower.</summary>
    public static readonly double[] Buckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60];

    private readonly long[] _counts = new long[Buckets.Length + 1];
    private long _sumMicros;

    public void Record(double seconds)
    {
        var bucket = Array.BinarySearch(Buckets, seconds);
        Interlocked.Increment(ref _counts[bucket >= 0 ? bucket : ~bucket]);
        Interlocked.Add(ref _sumMicros, (long)(seconds * 1_000_000));
    }

    /// <summary>Observations in bucket <paramref name="bucket"/> alone (not cumulative); <see cref="Buckets"/>.Length is the overflow.</summary>
    public long BucketCount(int bucket) => Volatile.Read(ref _counts[bucket]);

    /// <summary>All observations: the buckets' sum, so recording costs one atomic operation fewer.</summary>
    public long Count
    {
        get
        {
            long count = 0;
            for (var i = 0; i < _counts.Length; i++)
            {
                count += Volatile.Read(ref _counts[i]);
            }

            return count;
        }
    }

    public double SumSeconds => Volatile.Read(ref _sumMicros) / 1_000_000.0;
}
