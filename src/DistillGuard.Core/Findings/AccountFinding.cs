namespace DistillGuard.Core.Findings;

/// <summary>An account whose verdict is not <c>allow</c>.</summary>
public sealed class AccountFinding
{
    public string AccountId { get; set; } = string.Empty;
    public double Risk { get; set; }

    /// <summary><c>review</c>, <c>throttle</c> or <c>block</c>.</summary>
    public string Verdict { get; set; } = "review";

    public string? CampaignId { get; set; }
    public long Exchanges { get; set; }

    /// <summary>Log time at which the evidence seen so far first justified a verdict other than allow.</summary>
    public DateTime? FirstFlaggedAt { get; set; }

    /// <summary>
    /// Log time of the first throttle or block verdict (beyond the spec: what leakage is measured against; absent for
    /// accounts never enforced and in findings from other producers).
    /// </summary>
    public DateTime? FirstEnforcedAt { get; set; }

    public List<Reason> Reasons { get; set; } = [];
}
