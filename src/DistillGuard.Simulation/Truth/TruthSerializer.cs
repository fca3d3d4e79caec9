using System.Text.Json;

namespace DistillGuard.Simulation.Truth;

/// <summary>Reads and writes <c>truth.json</c>.</summary>
public static class TruthSerializer
{
    public static void WriteFile(string path, TruthDocument truth)
    {
        var temp = path + ".tmp";
        using (var stream = File.Create(temp))
        {
            JsonSerializer.Serialize(stream, truth, TruthJsonContext.Default.TruthDocument);
            stream.WriteByte((byte)'\n');
        }

        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a truth file; throws <see cref="InvalidDataException"/> naming the file, line and problem.</summary>
    public static TruthDocument ReadFile(string path)
    {
        using var stream = File.OpenRead(path);
        try
        {
            var truth = JsonSerializer.Deserialize(stream, TruthJsonContext.Default.TruthDocument)
                ?? throw new InvalidDataException($"{path}: the file holds no truth document.");
            if (truth.Schema != TruthDocument.SchemaName)
            {
                throw new InvalidDataException($"{path}: schema is '{truth.Schema}', expected '{TruthDocument.SchemaName}'.");
            }

            return truth;
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}:{(ex.LineNumber ?? 0) + 1}: {ex.Path}: not a valid truth document ({ex.Message})", ex);
        }
    }
}
