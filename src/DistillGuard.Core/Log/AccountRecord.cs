namespace DistillGuard.Core.Log;

/// <summary>One line of the accounts file.</summary>
public sealed class AccountRecord
{
    public string AccountId { get; set; } = string.Empty;
    public DateTime? CreatedAt { get; set; }
    public SignupChannel SignupChannel { get; set; }
    public string? PaymentFingerprint { get; set; }
    public string? EmailDomain { get; set; }
    public string? BillingCountry { get; set; }
    public bool? Verified { get; set; }
    public string? OrgId { get; set; }

    /// <summary>
    /// The log time from which the record counts (<c>effective_from</c>, a DistillGuard field beside the spec's): the
    /// engine applies it after every exchange timed before it and before every one timed at or after it. None: from the
    /// log's start. The gateway stamps every record it is given while running, so a scan of its folder, or its own
    /// replay at a restart, counts the record where the live engine did.
    /// </summary>
    public DateTime? EffectiveFrom { get; set; }
}
