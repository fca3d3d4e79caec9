namespace DistillGuard.Simulation.Evaluation;

/// <summary>Options of <see cref="Evaluator"/>.</summary>
public sealed class EvaluationOptions
{
    /// <summary>
    /// Exchanges per account per UTC day the naive quota baseline allows (default 500: generous for people, tight
    /// for services; the level a gateway's default per-key limit sits at). Exchanges beyond it that day are refused.
    /// </summary>
    public int DailyQuota { get; set; } = 500;
}
