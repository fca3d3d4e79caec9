namespace DistillGuard.Core.Findings;

/// <summary>
/// The findings document (shared/spec/findings.md). Fields beyond the spec (<see cref="Timeline"/> and the
/// campaign's <c>timeline</c>, <c>graph</c>, <c>templates</c>, <c>infrastructure</c>; <see cref="ReleasedAccounts"/>)
/// are optional; readers of v1 ignore them.
/// </summary>
public sealed class FindingsDocument
{
    public const string SchemaName = "distillguard.findings/v1";

    public string Schema { get; set; } = SchemaName;
    public DateTime GeneratedAt { get; set; }
    public FindingsInput Input { get; set; } = new();
    public List<AccountFinding> Accounts { get; set; } = [];
    public List<CampaignFinding> Campaigns { get; set; } = [];

    /// <summary>Exchanges per bucket over the whole log (campaign timelines align to it).</summary>
    public Timeline? Timeline { get; set; }

    /// <summary>Beyond the spec: accounts enforced once and now at <c>allow</c>, by id; absent when there are none.</summary>
    public List<ReleasedAccount>? ReleasedAccounts { get; set; }
}

public sealed class FindingsInput
{
    public long Exchanges { get; set; }
    public int Accounts { get; set; }
    public long BadRecords { get; set; }
    public DateTime? From { get; set; }
    public DateTime? To { get; set; }

    /// <summary>
    /// Beyond the spec: absent when accounts were scored with the built-in risk model; otherwise the coefficients'
    /// fingerprint (<c>sha256:…</c>, <see cref="Engine.RiskCoefficients.Fingerprint"/>), since a refitted model's risks do
    /// not mean what the built-in model's do.
    /// </summary>
    public string? RiskModel { get; set; }
}

public sealed class Timeline
{
    public DateTime Start { get; set; }
    public int BucketMinutes { get; set; } = 60;
    public long[] Exchanges { get; set; } = [];
}
