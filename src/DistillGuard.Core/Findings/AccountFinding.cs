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

    /// <summary>
    /// After <see cref="FirstEnforcedAt"/>, the stretches in which the account was not enforced, in time order; absent
    /// when there were none (and in findings from other producers). Leakage counts what was served in them.
    /// </summary>
    public List<EnforcementLapse>? Lapses { get; set; }

    public List<Reason> Reasons { get; set; } = [];

    /// <summary>
    /// Whether it was throttled or blocked at some time: it is now, or it has a <see cref="FirstEnforcedAt"/> (back at
    /// review since).
    /// </summary>
    public bool WasEnforced() => Verdict is "throttle" or "block" || FirstEnforcedAt is not null;

    /// <summary>Whether its conversational use holds it at review (a <see cref="SignalNames.ConversationalUse"/> reason).</summary>
    public bool HeldByConversationalUse() => Reasons.Exists(static r => r.Signal == SignalNames.ConversationalUse);
}
