namespace DistillGuard.Intel.Evidence;

/// <summary>The outcome of <see cref="EvidencePack.Verify"/>.</summary>
/// <param name="Problems">Each problem names the file: changed, added, missing, unreadable, or the signature.</param>
/// <param name="FilesChecked">Files whose hash matched the manifest.</param>
/// <param name="KeyFingerprint">SHA-256 of the public key the signature was checked with (null when none could be read).</param>
/// <param name="KeyTrusted">Whether that key was given by the caller (otherwise it is the pack's own: integrity, not origin).</param>
public sealed record EvidenceVerification(IReadOnlyList<string> Problems, int FilesChecked, string? KeyFingerprint, bool KeyTrusted)
{
    public bool IsValid => Problems.Count == 0;
}
