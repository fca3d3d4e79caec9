using System.Text.Json;

namespace DistillGuard.Gateway.Options;

/// <summary>
/// Whether a configuration file parses, and if not where it does not: the configuration reader's own error says only
/// that the file failed to load. Checked before the file is read at start (the gateway, <c>scan --gateway-config</c>)
/// and before a reload.
/// </summary>
internal static class ConfigFileSyntax
{
    /// <summary>Null when <paramref name="path"/> parses as the configuration reader reads JSON; else what is wrong and where.</summary>
    public static string? Problem(string path)
    {
        try
        {
            using var document = JsonDocument.Parse(File.ReadAllBytes(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            return document.RootElement.ValueKind == JsonValueKind.Object ? null : "the top level must be a JSON object";
        }
        catch (JsonException ex)
        {
            // The reader's message ends with its own zero-based position, said once already, one-based, in front.
            var message = ex.Message;
            var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
            return $"line {ex.LineNumber + 1}, byte {ex.BytePositionInLine + 1}: {(position > 0 ? message[..position] : message)}";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return ex.Message;
        }
    }
}
