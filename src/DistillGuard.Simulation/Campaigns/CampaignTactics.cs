namespace DistillGuard.Simulation.Campaigns;

/// <summary>
/// Every knob of a distillation campaign. Presets (<see cref="CampaignPresets"/>) set them to the shape of a public
/// disclosure; scenarios and tests derive variants with <c>with</c>. Account counts are at scale 1 and are multiplied
/// by the scenario scale; per-account behaviour is never scaled.
/// </summary>
public sealed record CampaignTactics
{
    /// <summary>The truth label of the campaign's accounts.</summary>
    public required string Name { get; init; }

    /// <summary>Who runs it: IP pools, ASNs, payment and client fingerprints, templates derive from this name only.</summary>
    public required string Operator { get; init; }

    /// <summary>The public figure the preset follows, for the docs and the truth file.</summary>
    public string PublicFigure { get; init; } = string.Empty;

    /// <summary>Concurrently live accounts at scale 1.</summary>
    public int Accounts { get; init; } = 100;

    /// <summary>Mean exchanges per live account per day (kept under per-account quotas on purpose).</summary>
    public double ExchangesPerAccountPerDay { get; init; } = 50;

    /// <summary>Start of the campaign (first exchange no earlier), UTC.</summary>
    public DateTime Start { get; init; }

    public double DurationDays { get; init; } = 14;

    /// <summary>Task name → weight (names as in <c>docs/simulation.md</c>: coding, reasoning, grading_reward, ...).</summary>
    public IReadOnlyDictionary<string, double> Tasks { get; init; } = new Dictionary<string, double> { ["reasoning"] = 1 };

    /// <summary>Tasks of a later phase (e.g. reasoning-trace reconstruction), or null.</summary>
    public IReadOnlyDictionary<string, double>? LaterPhaseTasks { get; init; }

    /// <summary>When the later phase starts, as a fraction of the campaign's duration.</summary>
    public double LaterPhaseStartsAt { get; init; } = 0.6;

    /// <summary>Prompt families the operator uses per task (its template set).</summary>
    public int TemplatesPerTask { get; init; } = 3;

    /// <summary>Share of prompts rendered through paraphrase variants of a family instead of its fixed wording.</summary>
    public double ParaphraseShare { get; init; }

    /// <summary>Share of prompts that explicitly elicit chain of thought (CoT instruction plus thinking/reasoning effort).</summary>
    public double CotShare { get; init; } = 0.5;

    /// <summary>Share of exchanges that are unrelated filler traffic (everyday chat, or a reseller's real customers).</summary>
    public double FillerShare { get; init; }

    /// <summary>Filler comes from many distinct end customers (hydra resellers) rather than generic chat.</summary>
    public bool FillerIsResoldCustomers { get; init; }

    /// <summary>Mean accounts per payment instrument (1 = no reuse).</summary>
    public double AccountsPerPaymentInstrument { get; init; } = 10;

    /// <summary>Share of accounts exiting through hosting/datacenter IPs.</summary>
    public double HostingShare { get; init; } = 0.6;

    /// <summary>Share of accounts exiting through residential proxies (ISP ASNs, rotating exits).</summary>
    public double ResidentialShare { get; init; } = 0.2;

    /// <summary>Hosting /24 blocks in the operator's pool at scale 1.</summary>
    public int HostingBlocks { get; init; } = 12;

    /// <summary>Residential exits in the operator's pool at scale 1.</summary>
    public int ResidentialExits { get; init; } = 2000;

    /// <summary>Distinct client fingerprints (User-Agent + TLS) the operator's tooling presents.</summary>
    public int ClientFingerprints { get; init; } = 2;

    /// <summary>Bursts in which accounts are created, and how wide each burst is.</summary>
    public int CreationBursts { get; init; } = 3;

    public double BurstWidthHours { get; init; } = 6;

    /// <summary>How many days before the campaign start account creation begins (bursts then run into its first 30%).</summary>
    public double CreationLeadDays { get; init; } = 2;

    public double VerifiedShare { get; init; } = 0.05;

    /// <summary>Sign-up channel name → weight (standard, education, research_program, startup_program, enterprise, reseller).</summary>
    public IReadOnlyDictionary<string, double> SignupChannels { get; init; } = new Dictionary<string, double> { ["standard"] = 1 };

    /// <summary>Countries the accounts bill to and whose IPs they exit from (region-control evasion when not the operator's).</summary>
    public IReadOnlyList<string> ExitCountries { get; init; } = ["US", "SG"];

    /// <summary>UTC offset of the operators' working day (the timing leaks it even when IPs do not).</summary>
    public double OperatorUtcOffsetHours { get; init; } = 8;

    /// <summary>Fraction of the day the operator's pipelines run (1 = around the clock).</summary>
    public double DutyCycle { get; init; } = 0.7;

    public DispatchMode Dispatch { get; init; } = DispatchMode.Random;

    /// <summary>Share of requests in the OpenAI chat shape (the rest Anthropic messages).</summary>
    public double OpenAiShare { get; init; } = 0.3;

    /// <summary>Share of requests carrying images (vision harvesting).</summary>
    public double ImageShare { get; init; }

    /// <summary>Model the campaign moves to when it is released (null: none), what share moves, and how fast.</summary>
    public string? PivotModel { get; init; }

    public double PivotShare { get; init; } = 0.5;

    public double PivotDelayHours { get; init; } = 10;

    /// <summary>Mean days an account lives before it is banned and replaced at once (0: no churn).</summary>
    public double MeanAccountLifetimeDays { get; init; }
}
