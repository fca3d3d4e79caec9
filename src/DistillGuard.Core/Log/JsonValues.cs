using System.Text.Json;

namespace DistillGuard.Core.Log;

/// <summary>
/// Typed reads of the current JSON token. The <c>Strict</c> forms throw <see cref="RecordFormatException"/>
/// naming the field (the log envelope is typed); the lenient forms return null (bodies are whatever the client sent).
/// </summary>
internal static class JsonValues
{
    public static int? Int(ref SpanJsonReader reader)
    {
        if (reader.TokenType != JsonTokenType.Number)
        {
            return null;
        }

        if (reader.TryGetInt32(out var value))
        {
            return value;
        }

        // 412.0 or a value beyond int: keep what it means rather than dropping it.
        return reader.TryGetDouble(out var d) && !double.IsNaN(d) ? (int)Math.Clamp(d, int.MinValue, int.MaxValue) : null;
    }

    public static int? IntStrict(ref SpanJsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.Number ? Int(ref reader) : throw WrongType(ref reader, field, "an integer");
    }

    public static double? Double(ref SpanJsonReader reader) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out var value) ? value : null;

    public static double? DoubleStrict(ref SpanJsonReader reader, string field)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        return reader.TokenType == JsonTokenType.Number ? Double(ref reader) : throw WrongType(ref reader, field, "a number");
    }

    /// <summary>True for a string token, false for null; throws for anything else.</summary>
    public static bool IsStringStrict(ref SpanJsonReader reader, string field) => reader.TokenType switch
    {
        JsonTokenType.String => true,
        JsonTokenType.Null => false,
        _ => throw WrongType(ref reader, field, "a string"),
    };

    public static RecordFormatException WrongType(ref SpanJsonReader reader, string field, string expected) =>
        new(BadRecordKind.WrongType, field, $"field '{field}' should be {expected} but is {Describe(reader.TokenType)}");

    public static RecordFormatException Missing(string field) =>
        new(BadRecordKind.MissingField, field, $"required field '{field}' is missing");

    private static string Describe(JsonTokenType type) => type switch
    {
        JsonTokenType.StartObject => "an object",
        JsonTokenType.StartArray => "an array",
        JsonTokenType.String => "a string",
        JsonTokenType.Number => "a number",
        JsonTokenType.True or JsonTokenType.False => "a boolean",
        JsonTokenType.Null => "null",
        _ => type.ToString(),
    };
}
