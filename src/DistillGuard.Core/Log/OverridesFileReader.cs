using System.Text.Json;
using DistillGuard.Core.Engine;

namespace DistillGuard.Core.Log;

/// <summary>Reads a gateway's <c>overrides.jsonl</c> (<see cref="OverrideRecord"/>, one a line).</summary>
public static class OverridesFileReader
{
    /// <summary>
    /// All valid lines in file order. Bad lines (malformed, no <c>account_id</c>, a <c>verdict</c> that is none of allow,
    /// review, throttle, block or null, a bad <c>effective_from</c>) go to <paramref name="badRecords"/>.
    /// </summary>
    public static List<OverrideRecord> Read(string path, BadRecordLog badRecords) =>
        RecordFileReader.Read(path, badRecords, 64 * 1024, Parse);

    private static OverrideRecord Parse(ref SpanJsonReader reader, Utf8StringPool pool)
    {
        string? id = null;
        string? reason = null;
        Verdict? verdict = null;
        DateTime? from = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("account_id"u8))
            {
                id = RecordFileReader.String(ref reader, pool, "account_id");
            }
            else if (reader.ValueTextEquals("verdict"u8))
            {
                var text = RecordFileReader.String(ref reader, pool, "verdict");
                verdict = text is null ? null
                    : VerdictNames.TryParse(text, out var parsed) ? parsed
                    : throw new RecordFormatException(BadRecordKind.WrongType, "verdict", $"field 'verdict' is not one of allow, review, throttle, block or null: \"{text}\"");
            }
            else if (reader.ValueTextEquals("reason"u8))
            {
                reason = RecordFileReader.String(ref reader, pool, "reason");
            }
            else if (reader.ValueTextEquals("effective_from"u8))
            {
                from = RecordFileReader.Time(ref reader, "effective_from");
            }
            else
            {
                reader.Skip();
            }
        }

        return new OverrideRecord(string.IsNullOrEmpty(id) ? throw JsonValues.Missing("account_id") : id, verdict, reason, from);
    }
}
