using System.IO.Compression;
using System.Security.Cryptography;

namespace DistillGuard.Intel.Evidence;

/// <summary>
/// Checks a case file: the signature over manifest.json (with the caller's key, or the pack's own), then every
/// file against the manifest. It goes on after the first problem so the report names every changed, added,
/// missing or unreadable file.
/// </summary>
internal static class EvidencePackVerifier
{
    public static EvidenceVerification Verify(string zipPath, string? trustedKeyPem)
    {
        var problems = new List<string>();
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(zipPath);
        }
        catch (InvalidDataException ex)
        {
            return new([$"{zipPath}: not a readable zip archive ({ex.Message})"], 0, null, false);
        }

        using (zip)
        {
            var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
            foreach (var entry in zip.Entries)
            {
                if (!entries.TryAdd(entry.FullName, entry))
                {
                    problems.Add($"{entry.FullName}: appears twice in the archive");
                }
            }

            var manifestBytes = ReadEntry(entries, EvidenceManifest.FileName, problems);
            var signature = ReadEntry(entries, EvidenceManifest.SignatureName, problems);
            var packKeyPem = ReadEntry(entries, EvidenceManifest.PublicKeyName, problems);
            var (fingerprint, trusted) = CheckSignature(manifestBytes, signature, packKeyPem, trustedKeyPem, problems);
            if (manifestBytes is null)
            {
                return new(problems, 0, fingerprint, trusted);
            }

            EvidenceManifest manifest;
            try
            {
                manifest = EvidenceManifest.Parse(manifestBytes);
            }
            catch (InvalidDataException ex)
            {
                problems.Add(ex.Message);
                return new(problems, 0, fingerprint, trusted);
            }

            var checkedFiles = CheckFiles(manifest, entries, problems);
            return new(problems, checkedFiles, fingerprint, trusted);
        }
    }

    private static (string? Fingerprint, bool Trusted) CheckSignature(byte[]? manifest, byte[]? signature, byte[]? packKeyPem, string? trustedKeyPem, List<string> problems)
    {
        if (trustedKeyPem is null && packKeyPem is null)
        {
            return (null, false);
        }

        using var key = EvidenceKeys.ImportPublic(trustedKeyPem ?? System.Text.Encoding.ASCII.GetString(packKeyPem!), trustedKeyPem is null ? EvidenceManifest.PublicKeyName : "--key");
        var fingerprint = EvidenceKeys.Fingerprint(key);
        if (trustedKeyPem is not null && packKeyPem is not null)
        {
            using var packKey = EvidenceKeys.ImportPublic(System.Text.Encoding.ASCII.GetString(packKeyPem), EvidenceManifest.PublicKeyName);
            if (EvidenceKeys.Fingerprint(packKey) != fingerprint)
            {
                problems.Add($"{EvidenceManifest.PublicKeyName}: is not the key given with --key (pack key {EvidenceKeys.Fingerprint(packKey)[..16]}..., expected {fingerprint[..16]}...)");
            }
        }

        if (manifest is not null && signature is not null
            && !key.VerifyData(manifest, signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence))
        {
            problems.Add($"{EvidenceManifest.FileName}: the signature in {EvidenceManifest.SignatureName} does not verify (the manifest changed, or another key signed it)");
        }

        return (fingerprint, trustedKeyPem is not null);
    }

    private static int CheckFiles(EvidenceManifest manifest, Dictionary<string, ZipArchiveEntry> entries, List<string> problems)
    {
        var listed = new HashSet<string>(StringComparer.Ordinal) { EvidenceManifest.FileName, EvidenceManifest.SignatureName };
        var ok = 0;
        foreach (var file in manifest.Files)
        {
            listed.Add(file.Path);
            if (!entries.ContainsKey(file.Path))
            {
                problems.Add($"{file.Path}: listed in the manifest but missing from the pack");
                continue;
            }

            var bytes = ReadEntry(entries, file.Path, problems);
            if (bytes is null)
            {
                continue;
            }

            var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));
            if (actual != file.Sha256 || bytes.LongLength != file.Bytes)
            {
                problems.Add($"{file.Path}: changed (sha256 {actual}, manifest says {file.Sha256})");
            }
            else
            {
                ok++;
            }
        }

        foreach (var name in entries.Keys.Order(StringComparer.Ordinal))
        {
            if (!listed.Contains(name))
            {
                problems.Add($"{name}: added (not in the manifest)");
            }
        }

        return ok;
    }

    private static byte[]? ReadEntry(Dictionary<string, ZipArchiveEntry> entries, string name, List<string> problems)
    {
        if (!entries.TryGetValue(name, out var entry))
        {
            if (name is EvidenceManifest.FileName or EvidenceManifest.SignatureName or EvidenceManifest.PublicKeyName)
            {
                problems.Add($"{name}: missing from the pack");
            }

            return null;
        }

        try
        {
            using var stream = entry.Open();
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return copy.ToArray();
        }
        catch (InvalidDataException ex)
        {
            // Flipped bytes inside compressed data surface here (bad deflate stream or CRC mismatch).
            problems.Add($"{name}: changed (its compressed data is corrupt: {ex.Message})");
            return null;
        }
    }
}
