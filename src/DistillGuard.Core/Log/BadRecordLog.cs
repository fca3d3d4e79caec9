namespace DistillGuard.Core.Log;

/// <summary>
/// Counts bad records per kind and keeps the first few of each kind (with file, line, field and message).
/// In strict mode the first one added throws <see cref="BadRecordException"/> instead.
/// Not thread-safe: the readers add to it from the consuming thread only, in a deterministic order.
/// </summary>
public sealed class BadRecordLog
{
    private static readonly int KindCount = Enum.GetValues<BadRecordKind>().Length;
    private readonly long[] _counts = new long[KindCount];
    private readonly List<BadRecord> _samples = [];

    /// <param name="strict">Throw on the first bad record instead of counting it.</param>
    /// <param name="samplesPerKind">How many records of each kind to keep for the report.</param>
    public BadRecordLog(bool strict = false, int samplesPerKind = 5)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(samplesPerKind);
        Strict = strict;
        SamplesPerKind = samplesPerKind;
    }

    public bool Strict { get; }

    public int SamplesPerKind { get; }

    /// <summary>All bad records counted so far.</summary>
    public long Total { get; private set; }

    /// <summary>The first <see cref="SamplesPerKind"/> records of each kind, in the order they were met.</summary>
    public IReadOnlyList<BadRecord> Samples => _samples;

    public long Count(BadRecordKind kind) => _counts[(int)kind];

    /// <summary>Counts <paramref name="record"/> (or throws <see cref="BadRecordException"/> in strict mode).</summary>
    public void Add(BadRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (Strict)
        {
            throw new BadRecordException(record);
        }

        var seen = _counts[(int)record.Kind]++;
        Total++;
        if (seen < SamplesPerKind)
        {
            _samples.Add(record);
        }
    }
}
