namespace DistillGuard.Core.Engine;

/// <summary>
/// The shared bucketing of the document and per-account timelines: a fixed number of buckets starting at the
/// first exchange's hour, one hour wide until the log outgrows them, then doubled (accounts' arrays merged in
/// place), so per-account timelines stay a fixed 336 bytes whatever the log's span.
/// </summary>
internal sealed class TimelineBuckets
{
    public const int Count = 168;

    public long StartTicks { get; private set; } = -1;

    public long WidthTicks { get; private set; } = TimeSpan.TicksPerHour;

    public long[] Totals { get; } = new long[Count];

    /// <summary>Bucket of <paramref name="ticks"/>; widens the buckets first when needed (true in <paramref name="widened"/>).</summary>
    public int BucketOf(long ticks, out bool widened)
    {
        widened = false;
        if (StartTicks < 0)
        {
            StartTicks = ticks / TimeSpan.TicksPerHour * TimeSpan.TicksPerHour;
        }

        var index = Math.Max(0, (ticks - StartTicks) / WidthTicks);
        while (index >= Count)
        {
            WidthTicks *= 2;
            Merge(Totals);
            widened = true;
            index = Math.Max(0, (ticks - StartTicks) / WidthTicks);
        }

        return (int)index;
    }

    public static void Merge(long[] buckets)
    {
        for (var i = 0; i < Count / 2; i++)
        {
            buckets[i] = buckets[2 * i] + buckets[(2 * i) + 1];
        }

        Array.Clear(buckets, Count / 2, Count / 2);
    }

    public static void Merge(ushort[] buckets)
    {
        for (var i = 0; i < Count / 2; i++)
        {
            buckets[i] = (ushort)Math.Min(ushort.MaxValue, buckets[2 * i] + buckets[(2 * i) + 1]);
        }

        Array.Clear(buckets, Count / 2, Count / 2);
    }

    /// <summary>Buckets actually used (up to the last non-empty one).</summary>
    public int Used()
    {
        var last = Count - 1;
        while (last >= 0 && Totals[last] == 0)
        {
            last--;
        }

        return last + 1;
    }
}
