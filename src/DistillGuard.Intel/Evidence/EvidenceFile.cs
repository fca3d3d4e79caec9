namespace DistillGuard.Intel.Evidence;

/// <summary>One file listed in the manifest: its path in the zip, size and SHA-256 (lowercase hex).</summary>
internal sealed record EvidenceFile(string Path, long Bytes, string Sha256);
