namespace DistillGuard.Core.Log;

/// <summary>How exchange logs are read. Defaults suit <c>scan</c> on a small machine.</summary>
public sealed class LogReaderOptions
{
    /// <summary>Stop at the first bad record with <see cref="BadRecordException"/>. Default false.</summary>
    public bool Strict { get; set; }

    /// <summary>Bad records of each kind kept with file:line for the report. Default 5.</summary>
    public int SamplesPerKind { get; set; } = 5;

    /// <summary>
    /// Characters kept per text field (system prompt, each user text, response text); longer text is cut,
    /// so a giant prompt cannot blow memory. <see cref="ExchangeResponse.TextLength"/> keeps the full length. Default 16384.
    /// </summary>
    public int MaxTextChars { get; set; } = 16 * 1024;

    /// <summary>
    /// Characters of response text kept in <see cref="ExchangeResponse.Text"/>; null means <see cref="MaxTextChars"/>.
    /// 0 keeps none (no string per record) while <see cref="ExchangeResponse.TextLength"/> is still counted: for
    /// readers, such as a scan whose analysis never looks at answers, that want the speed. Default null.
    /// </summary>
    public int? MaxResponseTextChars { get; set; }

    /// <summary>Longest line accepted; a longer one is skipped as <see cref="BadRecordKind.LineTooLong"/>. Default 64 MiB.</summary>
    public int MaxLineBytes { get; set; } = 64 * 1024 * 1024;

    /// <summary>
    /// Per-file reorder window, in records: a record may appear up to this many records after ones with a later
    /// <c>ts</c> in its file and still come out in order. Records later than that still come through (counted in
    /// <see cref="MergedExchangeReader.LateRecords"/>). Default 256.
    /// </summary>
    public int ReorderWindow { get; set; } = 256;

    /// <summary>Threads that decompress and parse files (the merge runs on the caller's thread). Default: processor count. 1 reads on the caller's thread only.</summary>
    public int Parallelism { get; set; } = Environment.ProcessorCount;

    /// <summary>
    /// When set, each exchange is analysed right after parsing, on the reading threads, and
    /// <see cref="Engine.DetectionEngine.Observe(Exchange)"/> with the same analyser uses those features instead of
    /// analysing on the engine's thread. Must be safe to call from several threads at once.
    /// </summary>
    public Analysis.IExchangeAnalyzer? Analyzer { get; set; }

    /// <summary>Records per batch handed from a parsing thread to the merge. Default 256 (lowered when there are many files).</summary>
    public int BatchSize { get; set; } = 256;

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(SamplesPerKind);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxTextChars, 16);
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxLineBytes, 1024);
        if (MaxResponseTextChars is { } responseChars)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(responseChars);
        }
        ArgumentOutOfRangeException.ThrowIfNegative(ReorderWindow);
        ArgumentOutOfRangeException.ThrowIfLessThan(Parallelism, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(BatchSize, 1);
    }
}
