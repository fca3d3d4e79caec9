using System.Text.Json;

namespace DistillGuard.Core.Findings;

/// <summary>Reads and writes the findings document.</summary>
public static class FindingsSerializer
{
    public static void Write(Stream stream, FindingsDocument document) =>
        JsonSerializer.Serialize(stream, document, FindingsJsonContext.Default.FindingsDocument);

    public static string ToJson(FindingsDocument document) =>
        JsonSerializer.Serialize(document, FindingsJsonContext.Default.FindingsDocument);

    public static void WriteFile(string path, FindingsDocument document)
    {
        // Write beside the target and move, so a crash never leaves a half-written findings file.
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        {
            Write(stream, document);
            stream.WriteByte((byte)'\n');
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a findings file; throws <see cref="InvalidDataException"/> naming the file and the problem.</summary>
    public static FindingsDocument ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            var document = JsonSerializer.Deserialize(stream, FindingsJsonContext.Default.FindingsDocument)
                ?? throw new InvalidDataException($"{path}: the file holds no findings document.");
            if (document.Schema != FindingsDocument.SchemaName)
            {
                throw new InvalidDataException($"{path}: schema is '{document.Schema}', expected '{FindingsDocument.SchemaName}'.");
            }

            return document;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}:{(ex.LineNumber ?? 0) + 1}: {ex.Path}: not a valid findings document ({ex.Message})", ex);
        }
    }
}
