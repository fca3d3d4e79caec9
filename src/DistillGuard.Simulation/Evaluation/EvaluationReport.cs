namespace DistillGuard.Simulation.Evaluation;

/// <summary>What <c>evaluate</c> reports: the findings' scores and, with the log, the quota baseline's.</summary>
public sealed class EvaluationReport
{
    public string Scenario { get; set; } = string.Empty;

    /// <summary>Accounts with at least one exchange (the ones a detector could see).</summary>
    public int Accounts { get; set; }

    public int CampaignAccounts { get; set; }
    public int HonestAccounts { get; set; }

    /// <summary>Accounts in the findings that the truth file does not know (not scored).</summary>
    public int UnknownAccounts { get; set; }

    public DetectorScore Findings { get; set; } = new();
    public DetectorScore? Baseline { get; set; }

    /// <summary>The quota the baseline used (exchanges per account per UTC day).</summary>
    public int? DailyQuota { get; set; }

    /// <summary>With the scan's model inputs: how close honest accounts came to review.</summary>
    public HonestExposure? HonestExposure { get; set; }
}
