namespace DistillGuard.Core.Log;

/// <summary>Stable snake_case names of <see cref="BadRecordKind"/> for reports and summaries.</summary>
public static class BadRecordNames
{
    public static string ToWire(BadRecordKind kind) => kind switch
    {
        BadRecordKind.MalformedJson => "malformed_json",
        BadRecordKind.MissingField => "missing_field",
        BadRecordKind.BadTimestamp => "bad_timestamp",
        BadRecordKind.WrongType => "wrong_type",
        BadRecordKind.UnknownApiShape => "unknown_api_shape",
        BadRecordKind.TruncatedGzip => "truncated_gzip",
        BadRecordKind.LineTooLong => "line_too_long",
        _ => "unknown",
    };
}
