namespace DistillGuard.Core.Log;

/// <summary>Why a log line was rejected (shared/spec/exchange-log.md, "bad record").</summary>
public enum BadRecordKind
{
    /// <summary>The line is not one valid JSON value, or not a JSON object.</summary>
    MalformedJson = 0,

    /// <summary>A required field is absent, null or empty.</summary>
    MissingField = 1,

    /// <summary>A time field is not an RFC 3339 timestamp with an offset.</summary>
    BadTimestamp = 2,

    /// <summary>A known field has a JSON type other than the one the spec gives it.</summary>
    WrongType = 3,

    /// <summary>The exchange's API shape is neither given by <c>api</c> nor recognisable from the request.</summary>
    UnknownApiShape = 4,

    /// <summary>A gzip file ends before its compressed data does (or its data is corrupt); what came before is kept.</summary>
    TruncatedGzip = 5,

    /// <summary>A line is longer than <see cref="LogReaderOptions.MaxLineBytes"/>; it is skipped unread.</summary>
    LineTooLong = 6,
}
