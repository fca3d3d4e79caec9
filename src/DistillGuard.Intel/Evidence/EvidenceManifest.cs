using System.Text.Encodings.Web;
using System.Text.Json;

namespace DistillGuard.Intel.Evidence;

/// <summary>
/// <c>manifest.json</c>: the SHA-256 of every file in the pack. <c>manifest.sig</c> signs these exact bytes,
/// so the manifest is written once, canonically (sorted paths, fixed property order), and verified as stored.
/// </summary>
internal sealed record EvidenceManifest(string CampaignId, IReadOnlyList<EvidenceFile> Files)
{
    public const string Schema = "distillguard.evidence/v1";
    public const string FileName = "manifest.json";
    public const string SignatureName = "manifest.sig";
    public const string PublicKeyName = "public-key.pem";

    public byte[] ToBytes()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("schema", Schema);
            writer.WriteString("campaign_id", CampaignId);
            writer.WriteString("hash_algorithm", "sha256");
            writer.WriteString("signature", "ECDSA P-256 over the bytes of manifest.json, SHA-256, DER (RFC 3279) in manifest.sig; key in public-key.pem");
            writer.WriteStartArray("files");
            foreach (var file in Files.OrderBy(f => f.Path, StringComparer.Ordinal))
            {
                writer.WriteStartObject();
                writer.WriteString("path", file.Path);
                writer.WriteNumber("bytes", file.Bytes);
                writer.WriteString("sha256", file.Sha256);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        stream.WriteByte((byte)'\n');
        return stream.ToArray();
    }

    /// <summary>Parses a manifest; throws <see cref="InvalidDataException"/> naming what is wrong.</summary>
    public static EvidenceManifest Parse(byte[] bytes)
    {
        try
        {
            using var document = JsonDocument.Parse(bytes);
            var root = document.RootElement;
            if (!root.TryGetProperty("schema", out var schema) || schema.GetString() != Schema)
            {
                throw new InvalidDataException($"{FileName}: schema is not {Schema}");
            }

            var files = new List<EvidenceFile>();
            foreach (var file in root.GetProperty("files").EnumerateArray())
            {
                files.Add(new EvidenceFile(file.GetProperty("path").GetString()!, file.GetProperty("bytes").GetInt64(), file.GetProperty("sha256").GetString()!));
            }

            return new EvidenceManifest(root.GetProperty("campaign_id").GetString() ?? string.Empty, files);
        }
        catch (Exception ex) when (ex is JsonException or KeyNotFoundException or InvalidOperationException or FormatException)
        {
            throw new InvalidDataException($"{FileName}: not a valid manifest ({ex.Message})", ex);
        }
    }
}
