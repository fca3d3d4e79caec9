using System.Text.Json;

namespace DistillGuard.Core.Log;

/// <summary>Reads the model-releases file (<c>{"model": "...", "released_at": "..."}</c> per line, optionally gzip).</summary>
public static class ModelReleasesFileReader
{
    /// <summary>All valid releases in file order; bad lines go to <paramref name="badRecords"/> (both fields are required).</summary>
    public static List<ModelRelease> Read(string path, BadRecordLog badRecords, int maxLineBytes = 1024 * 1024) =>
        RecordFileReader.Read(path, badRecords, maxLineBytes, Parse);

    private static ModelRelease Parse(ref SpanJsonReader reader, Utf8StringPool pool)
    {
        string? model = null;
        DateTime? releasedAt = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                model = RecordFileReader.String(ref reader, pool, "model");
            }
            else if (reader.ValueTextEquals("released_at"u8))
            {
                releasedAt = RecordFileReader.Time(ref reader, "released_at");
            }
            else
            {
                reader.Skip();
            }
        }

        if (string.IsNullOrEmpty(model))
        {
            throw JsonValues.Missing("model");
        }

        return new ModelRelease(model, releasedAt ?? throw JsonValues.Missing("released_at"));
    }
}
