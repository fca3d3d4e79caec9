using System.Text.Json;

namespace DistillGuard.Core.Log;

/// <summary>Reads a small JSON Lines side file (accounts, model releases) with the exchange log's bad-record rules.</summary>
internal static class RecordFileReader
{
    public delegate T ParseLine<T>(ref SpanJsonReader reader, Utf8StringPool pool);

    public static List<T> Read<T>(string path, BadRecordLog badRecords, int maxLineBytes, ParseLine<T> parse)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(badRecords);
        var records = new List<T>();
        var pool = new Utf8StringPool();
        using var lines = LogLineReader.Open(path, maxLineBytes);
        while (true)
        {
            var status = lines.Next(out var line);
            switch (status)
            {
                case LineStatus.End:
                    return records;
                case LineStatus.TooLong:
                    badRecords.Add(new BadRecord(BadRecordKind.LineTooLong, path, lines.LineNumber, null, $"line is longer than {maxLineBytes} bytes; skipped"));
                    continue;
                case LineStatus.Truncated:
                    badRecords.Add(new BadRecord(BadRecordKind.TruncatedGzip, path, lines.LineNumber, null, lines.TruncationMessage ?? "gzip data ends early"));
                    return records;
            }

            if (line.TrimStart(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            if (TryParse(line, pool, parse, out var record, out var error))
            {
                records.Add(record);
            }
            else
            {
                badRecords.Add(new BadRecord(error.Kind, path, lines.LineNumber, error.Field, error.Message));
            }
        }
    }

    private static bool TryParse<T>(ReadOnlySpan<byte> line, Utf8StringPool pool, ParseLine<T> parse, out T record, out ParseError error)
    {
        record = default!;
        error = default;
        try
        {
            var reader = new SpanJsonReader(line);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new RecordFormatException(BadRecordKind.MalformedJson, null, "record is not a JSON object");
            }

            record = parse(ref reader, pool);
            if (reader.Read())
            {
                throw new RecordFormatException(BadRecordKind.MalformedJson, null, "unexpected content after the record's object");
            }

            return true;
        }
        catch (RecordFormatException e)
        {
            error = new ParseError(e.Kind, e.Field, e.Message);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string holding invalid UTF-8 that the reader refuses to unescape.
            error = new ParseError(BadRecordKind.MalformedJson, null, "malformed JSON: " + e.Message);
        }

        return false;
    }

    /// <summary>A string field (pooled), null when null; a bad record for any other type.</summary>
    public static string? String(ref SpanJsonReader reader, Utf8StringPool pool, string field)
    {
        reader.Read();
        if (!JsonValues.IsStringStrict(ref reader, field))
        {
            return null;
        }

        return reader.ValueIsEscaped ? reader.GetString() : pool.Get(reader.ValueSpan);
    }

    /// <summary>An RFC 3339 time field, null when null; a bad record when not a string or not a valid time.</summary>
    public static DateTime? Time(ref SpanJsonReader reader, string field)
    {
        reader.Read();
        if (!JsonValues.IsStringStrict(ref reader, field))
        {
            return null;
        }

        var value = reader.ValueIsEscaped ? System.Text.Encoding.UTF8.GetBytes(reader.GetString()!) : reader.ValueSpan.ToArray();
        return Rfc3339.TryParse(value, out var utc)
            ? utc
            : throw new RecordFormatException(BadRecordKind.BadTimestamp, field,
                $"field '{field}' is not an RFC 3339 timestamp with an offset: \"{System.Text.Encoding.UTF8.GetString(value)}\"");
    }
}
