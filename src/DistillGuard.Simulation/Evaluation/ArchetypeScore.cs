namespace DistillGuard.Simulation.Evaluation;

/// <summary>False positives within one honest archetype.</summary>
public sealed class ArchetypeScore
{
    public string Name { get; set; } = string.Empty;
    public int Accounts { get; set; }
    public int Flagged { get; set; }
    public int Enforced { get; set; }
    public double FlaggedRate => Accounts == 0 ? 0 : (double)Flagged / Accounts;
    public double EnforcedRate => Accounts == 0 ? 0 : (double)Enforced / Accounts;
}
