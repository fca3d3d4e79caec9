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
}
