namespace DistillGuard.Core.Log;

/// <summary>What <see cref="RawLogReader.ReadAll"/> read: non-empty lines and decompressed bytes.</summary>
public readonly record struct RawReadResult(long Lines, long Bytes);
