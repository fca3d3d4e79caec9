namespace DistillGuard.Core.Log;

/// <summary>What <see cref="LogLineReader.Next"/> found.</summary>
internal enum LineStatus
{
    /// <summary>A complete line (possibly blank).</summary>
    Line,

    /// <summary>A line longer than the limit was skipped.</summary>
    TooLong,

    /// <summary>The gzip data ended early or is corrupt; see <see cref="LogLineReader.TruncationMessage"/>.</summary>
    Truncated,

    /// <summary>No more lines.</summary>
    End,
}
