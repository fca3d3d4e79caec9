namespace DistillGuard.Intel.Evidence;

/// <summary>Where a sampled exchange sits in the log, so its line can be copied verbatim.</summary>
internal readonly record struct SampledExchange(int FileIndex, long Line, DateTime Timestamp, ulong Hash);
