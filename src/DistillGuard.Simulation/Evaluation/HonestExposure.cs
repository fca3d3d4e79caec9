namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// How close honest accounts came to being flagged: the margin a false-positive count of zero does not show. Built
/// from the risks <c>scan --model-inputs</c> wrote.
/// </summary>
public sealed class HonestExposure
{
    /// <summary>The risk at which an account is flagged for review.</summary>
    public double ReviewRisk { get; set; }

    /// <summary>Accounts within this much of <see cref="ReviewRisk"/> (below it or not) count as near it.</summary>
    public double NearMargin { get; set; }

    public List<ArchetypeExposure> Archetypes { get; set; } = [];

    /// <summary>The honest accounts of highest risk, highest first.</summary>
    public List<ExposedAccount> Nearest { get; set; } = [];
}

/// <summary>One honest archetype's highest risk and how many of its accounts came near the review threshold.</summary>
public sealed class ArchetypeExposure
{
    public string Name { get; set; } = string.Empty;
    public int Accounts { get; set; }
    public double MaxRisk { get; set; }
    public int NearReview { get; set; }
}

/// <summary>An honest account of high risk: what it is and how big a linked group it sat in.</summary>
public sealed class ExposedAccount
{
    public string AccountId { get; set; } = string.Empty;
    public string Archetype { get; set; } = string.Empty;
    public double Risk { get; set; }
    public int Exchanges { get; set; }
    public int ClusterAccounts { get; set; }
}
