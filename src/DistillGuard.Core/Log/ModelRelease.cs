namespace DistillGuard.Core.Log;

/// <summary>One line of the model releases file.</summary>
public sealed record ModelRelease(string Model, DateTime ReleasedAt);
