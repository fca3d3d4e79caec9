namespace DistillGuard.Simulation.Evaluation;

/// <summary>How one campaign fared: recall, time to detect and leakage.</summary>
public sealed class CampaignScore
{
    public string Name { get; set; } = string.Empty;

    /// <summary>Campaign accounts that sent at least one exchange.</summary>
    public int Accounts { get; set; }

    public long Exchanges { get; set; }
    public int Flagged { get; set; }
    public int Enforced { get; set; }
    public double Recall => Accounts == 0 ? 0 : (double)Flagged / Accounts;
    public double EnforcedRecall => Accounts == 0 ? 0 : (double)Enforced / Accounts;
    public DateTime? FirstExchange { get; set; }

    /// <summary>Earliest of the matching findings campaigns' <c>detected_at</c> and its accounts' <c>first_flagged_at</c>.</summary>
    public DateTime? DetectedAt { get; set; }

    public double? HoursToDetect => DetectedAt is { } d && FirstExchange is { } f ? Math.Round((d - f).TotalHours, 2) : null;

    /// <summary>Findings campaigns whose accounts are mostly this campaign's.</summary>
    public List<string> MatchedCampaignIds { get; set; } = [];

    /// <summary>
    /// This campaign's accounts in the one matched findings campaign that holds the most of them: with
    /// <see cref="MatchedCampaignIds"/>, whether the campaign came out as one campaign or in pieces.
    /// </summary>
    public int LargestMatchAccounts { get; set; }

    /// <summary>
    /// Other true campaigns with accounts in a findings campaign that holds some of this campaign's: operators the
    /// findings did not separate (sorted by name).
    /// </summary>
    public List<string> MixedWith { get; set; } = [];

    /// <summary>Share of the campaign's exchanges served before each account's first enforcement (needs the log).</summary>
    public double? Leakage { get; set; }
}
