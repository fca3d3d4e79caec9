namespace DistillGuard.Core.Log;

/// <summary>A bad record met while filling a batch; it belongs in the file's stream just before item <see cref="Position"/>.</summary>
internal readonly record struct PendingBadRecord(int Position, BadRecord Record);
