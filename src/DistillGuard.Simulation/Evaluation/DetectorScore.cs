namespace DistillGuard.Simulation.Evaluation;

/// <summary>The scores of one detector (the findings under test, or the quota baseline) on one scenario.</summary>
public sealed class DetectorScore
{
    public string Detector { get; set; } = string.Empty;

    /// <summary>Any verdict but allow.</summary>
    public ConfusionCounts Flagged { get; set; } = new();

    /// <summary>Throttle or block.</summary>
    public ConfusionCounts Enforced { get; set; } = new();

    public List<ArchetypeScore> Archetypes { get; set; } = [];
    public List<CampaignScore> Campaigns { get; set; } = [];

    /// <summary>Campaigns in the findings (none for the quota baseline, which names no campaigns).</summary>
    public int FindingsCampaigns { get; set; }

    /// <summary>
    /// Findings campaigns that are not mostly one true campaign's accounts: mostly honest accounts, or no campaign
    /// holding more than half of the known ones.
    /// </summary>
    public List<string> UnmatchedCampaignIds { get; set; } = [];

    /// <summary>Findings campaigns holding accounts of two or more true campaigns (operators merged into one).</summary>
    public List<string> MixedCampaignIds { get; set; } = [];
}
