using System.Text;
using System.Text.Json;
using DistillGuard.Intel.Validation;

namespace DistillGuard.Intel.Import;

/// <summary>Reads a bundle file and rejects it, naming the file, object and property, unless it is valid STIX 2.1.</summary>
internal static class StixBundleReader
{
    private const int ViolationsShown = 10;

    public static JsonDocument Read(string path, StixValidationOptions? options = null)
    {
        JsonDocument document;
        try
        {
            using var stream = File.OpenRead(path);
            document = JsonDocument.Parse(stream, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException ex)
        {
            throw new InvalidDataException($"{path}:{(ex.LineNumber ?? 0) + 1}: not valid JSON ({ex.Message})", ex);
        }
        catch (IOException ex) when (ex is not FileNotFoundException and not DirectoryNotFoundException)
        {
            throw new InvalidDataException($"{path}: cannot be read ({ex.Message})", ex);
        }

        var violations = StixValidator.Validate(document.RootElement, options);
        if (violations.Count == 0)
        {
            return document;
        }

        document.Dispose();
        var message = new StringBuilder($"{path}: not a valid STIX 2.1 bundle ({violations.Count}{(violations.Count >= (options?.MaxViolations ?? 50) ? "+" : string.Empty)} problem{(violations.Count == 1 ? string.Empty : "s")}):");
        for (var i = 0; i < Math.Min(violations.Count, ViolationsShown); i++)
        {
            message.Append("\n  ").Append(violations[i]);
        }

        if (violations.Count > ViolationsShown)
        {
            message.Append("\n  ...");
        }

        throw new InvalidDataException(message.ToString());
    }
}
