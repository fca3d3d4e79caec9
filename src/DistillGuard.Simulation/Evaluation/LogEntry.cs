namespace DistillGuard.Simulation.Evaluation;

/// <summary>The two facts of an exchange the evaluator needs: whose it was and when.</summary>
public readonly record struct LogEntry(string AccountId, DateTime Timestamp);
