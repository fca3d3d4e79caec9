namespace DistillGuard.Simulation.Evaluation;

/// <summary>False positives within one honest archetype, and what they cost its accounts.</summary>
public sealed class ArchetypeScore
{
    public string Name { get; set; } = string.Empty;
    public int Accounts { get; set; }

    /// <summary>Exchanges the archetype's accounts sent.</summary>
    public long Exchanges { get; set; }

    public int Flagged { get; set; }

    /// <summary>Accounts throttled or blocked at the end.</summary>
    public int Enforced { get; set; }

    /// <summary>
    /// Accounts throttled or blocked at any time, those back at review by the end included (their
    /// <c>first_enforced_at</c>); an account back at <c>allow</c> is not in the findings and not counted.
    /// </summary>
    public int EverEnforced { get; set; }

    /// <summary>
    /// Exchanges sent while the account was throttled or blocked — slowed or refused at a gateway (for the quota
    /// baseline: over the quota, refused); null without the log.
    /// </summary>
    public long? ExchangesWhileEnforced { get; set; }

    public double FlaggedRate => Accounts == 0 ? 0 : (double)Flagged / Accounts;
    public double EnforcedRate => Accounts == 0 ? 0 : (double)Enforced / Accounts;
    public double EverEnforcedRate => Accounts == 0 ? 0 : (double)EverEnforced / Accounts;
}
