namespace DistillGuard.Core.Log;

/// <summary>One input file of an exchange log, in the deterministic order <see cref="LogInputs.Discover"/> gives.</summary>
/// <param name="Path">The path as given (or as found under a given directory).</param>
/// <param name="Index">Position in the input order; breaks timestamp ties in the merge.</param>
/// <param name="Length">Size on disk in bytes (compressed size for gzip), for progress.</param>
public sealed record LogFile(string Path, int Index, long Length);
