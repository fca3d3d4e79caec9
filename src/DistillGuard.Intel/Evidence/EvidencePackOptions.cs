namespace DistillGuard.Intel.Evidence;

/// <summary>Options of <c>distillguard evidence</c>.</summary>
public sealed class EvidencePackOptions
{
    /// <summary>The campaign to document (its <c>campaign_id</c> in the findings).</summary>
    public string CampaignId { get; set; } = string.Empty;

    /// <summary>Exchange log files or directories to sample the campaign's exchanges from.</summary>
    public IReadOnlyList<string> LogPaths { get; set; } = [];

    /// <summary>Where the zip is written.</summary>
    public string OutputPath { get; set; } = string.Empty;

    /// <summary>
    /// PEM private key (PKCS#8 or SEC1 EC key, P-256) to sign with; created there on first use when the file
    /// does not exist. Default null: <see cref="EvidenceKeys.DefaultKeyPath"/>.
    /// </summary>
    public string? KeyPath { get; set; }

    /// <summary>Exchanges of the campaign copied into the pack, chosen evenly by a hash of their identity. Default 100.</summary>
    public int SampleSize { get; set; } = 100;

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(CampaignId))
        {
            throw new ArgumentException("a campaign id is required", nameof(CampaignId));
        }

        if (string.IsNullOrWhiteSpace(OutputPath))
        {
            throw new ArgumentException("an output path is required", nameof(OutputPath));
        }

        if (SampleSize is < 0 or > 100_000)
        {
            throw new ArgumentException("sample size must be 0 to 100000", nameof(SampleSize));
        }
    }
}
