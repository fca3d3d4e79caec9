using DistillGuard.Core.Findings;

namespace DistillGuard.Intel.Evidence;

/// <summary>Signed, verifiable case files for one campaign (<c>distillguard evidence</c>).</summary>
public static class EvidencePack
{
    /// <summary>Writes the pack; throws <see cref="InvalidDataException"/> for an unknown campaign or bad key file.</summary>
    public static EvidencePackResult Write(FindingsDocument findings, EvidencePackOptions options)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(options);
        return EvidencePackWriter.Write(findings, options);
    }

    /// <summary>
    /// Checks the signature and every file. With <paramref name="trustedPublicKeyPem"/> the signature must be by that
    /// key (proving who signed); without it the pack's own public key is used (proving only that nothing changed
    /// since someone signed it).
    /// </summary>
    public static EvidenceVerification Verify(string zipPath, string? trustedPublicKeyPem = null)
    {
        ArgumentNullException.ThrowIfNull(zipPath);
        return EvidencePackVerifier.Verify(zipPath, trustedPublicKeyPem);
    }
}
