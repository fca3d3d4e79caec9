namespace DistillGuard.Simulation.Campaigns;

/// <summary>
/// Campaigns shaped like the public disclosures (see docs/simulation.md for each figure and its source). Volumes
/// at scale 1 match the disclosed totals; everything else is a knob a scenario may change with <c>with</c>.
/// </summary>
public static class CampaignPresets
{
    public const string DeepSeek = "deepseek-2026-02";
    public const string Moonshot = "moonshot-2026-02";
    public const string MiniMax = "minimax-2026-02";
    public const string Qwen = "qwen-2026-06";
    public const string Hydra = "hydra-proxy";

    /// <summary>The model MiniMax-style campaigns pivot to, released inside the scenario window.</summary>
    public const string NewModel = "atlas-large-5";

    public static IReadOnlyList<string> Names { get; } = [DeepSeek, Moonshot, MiniMax, Qwen, Hydra];

    public static CampaignTactics Get(string name) => name switch
    {
        DeepSeek => DeepSeekPreset(),
        Moonshot => MoonshotPreset(),
        MiniMax => MiniMaxPreset(),
        Qwen => QwenPreset(),
        Hydra => HydraPreset(),
        _ => throw new ArgumentException($"unknown campaign preset '{name}' (known: {string.Join(", ", Names)})", nameof(name)),
    };

    // 150,000+ exchanges; reasoning, rubric grading (reward model), censorship-safe rewrites; synchronised traffic,
    // shared payment methods, load-balancing timing.
    private static CampaignTactics DeepSeekPreset() => new()
    {
        Name = DeepSeek,
        Operator = "operator:deepseek",
        PublicFigure = "150,000+ exchanges; reasoning, rubric-based grading (reward model), censorship-safe alternatives; synchronised traffic, shared payment methods, load-balancing timing (Anthropic, 23 Feb 2026)",
        Accounts = 60,
        ExchangesPerAccountPerDay = 70,
        Start = new DateTime(2026, 1, 8, 0, 0, 0, DateTimeKind.Utc),
        DurationDays = 36,
        Tasks = new Dictionary<string, double> { ["reasoning"] = 0.45, ["grading_reward"] = 0.35, ["censorship_rewrite"] = 0.2 },
        TemplatesPerTask = 2,
        ParaphraseShare = 0.1,
        CotShare = 0.85,
        FillerShare = 0.03,
        AccountsPerPaymentInstrument = 12,
        HostingShare = 0.8,
        ResidentialShare = 0.1,
        HostingBlocks = 4,
        ResidentialExits = 300,
        ClientFingerprints = 1,
        CreationBursts = 2,
        BurstWidthHours = 3,
        VerifiedShare = 0.02,
        ExitCountries = ["US", "SG", "HK"],
        DutyCycle = 0.6,
        Dispatch = DispatchMode.RoundRobin,
        OpenAiShare = 0.5,
    };

    // 3.4M+ exchanges, hundreds of accounts of several types; agentic reasoning, tool use, coding, data analysis,
    // computer-use agents, computer vision; a later phase reconstructing reasoning traces.
    private static CampaignTactics MoonshotPreset() => new()
    {
        Name = Moonshot,
        Operator = "operator:moonshot",
        PublicFigure = "3.4M+ exchanges through hundreds of fraudulent accounts of several types; agentic reasoning, tool use, coding, data analysis, computer-use agents, computer vision; later reasoning-trace reconstruction (Anthropic, 23 Feb 2026)",
        Accounts = 400,
        ExchangesPerAccountPerDay = 189,
        Start = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        DurationDays = 45,
        Tasks = new Dictionary<string, double>
        {
            ["agentic_tool_use"] = 0.25, ["reasoning"] = 0.15, ["coding"] = 0.2, ["data_analysis"] = 0.12, ["computer_use"] = 0.1, ["vision"] = 0.13, ["long_horizon_planning"] = 0.05,
        },
        LaterPhaseTasks = new Dictionary<string, double> { ["trace_reconstruction"] = 0.6, ["reasoning"] = 0.2, ["coding"] = 0.2 },
        LaterPhaseStartsAt = 0.65,
        TemplatesPerTask = 3,
        ParaphraseShare = 0.4,
        CotShare = 0.55,
        FillerShare = 0.05,
        AccountsPerPaymentInstrument = 6,
        HostingShare = 0.5,
        ResidentialShare = 0.35,
        HostingBlocks = 20,
        ResidentialExits = 4000,
        ClientFingerprints = 4,
        CreationBursts = 6,
        BurstWidthHours = 8,
        VerifiedShare = 0.1,
        SignupChannels = new Dictionary<string, double> { ["standard"] = 0.5, ["startup_program"] = 0.25, ["research_program"] = 0.15, ["education"] = 0.1 },
        ExitCountries = ["US", "SG", "JP", "GB", "MY"],
        DutyCycle = 0.75,
        OpenAiShare = 0.4,
    };

    // 13M+ exchanges; agentic coding and tool use; redirected nearly half its traffic to a new model within 24 hours.
    private static CampaignTactics MiniMaxPreset() => new()
    {
        Name = MiniMax,
        Operator = "operator:minimax",
        PublicFigure = "13M+ exchanges; agentic coding and tool use; redirected about half its traffic to a newly released model within 24 hours (Anthropic, 23 Feb 2026)",
        Accounts = 3000,
        ExchangesPerAccountPerDay = 144,
        Start = new DateTime(2026, 1, 20, 0, 0, 0, DateTimeKind.Utc),
        DurationDays = 30,
        Tasks = new Dictionary<string, double> { ["coding"] = 0.4, ["agentic_tool_use"] = 0.45, ["debugging"] = 0.15 },
        TemplatesPerTask = 4,
        ParaphraseShare = 0.25,
        CotShare = 0.3,
        FillerShare = 0.05,
        AccountsPerPaymentInstrument = 25,
        HostingShare = 0.55,
        ResidentialShare = 0.3,
        HostingBlocks = 60,
        ResidentialExits = 20000,
        ClientFingerprints = 3,
        CreationBursts = 10,
        BurstWidthHours = 5,
        VerifiedShare = 0.05,
        ExitCountries = ["US", "SG", "JP", "KR"],
        DutyCycle = 0.85,
        OpenAiShare = 0.35,
        PivotModel = NewModel,
        PivotShare = 0.5,
        PivotDelayHours = 8,
    };

    // 28.8M exchanges, ~25,000 accounts, Apr 22 – Jun 5 2026 (44 days) ≈ 26 exchanges per account per day; software
    // engineering, agentic reasoning, long-horizon planning, cybersecurity; accounts engineered around region controls.
    private static CampaignTactics QwenPreset() => new()
    {
        Name = Qwen,
        Operator = "operator:qwen",
        PublicFigure = "28.8M exchanges through ~25,000 fraudulent accounts, 22 Apr – 5 Jun 2026 (44 days); software engineering, agentic reasoning, cybersecurity; accounts engineered to get around regional access controls (Anthropic letter to the US Senate, 10 Jun 2026)",
        Accounts = 25000,
        ExchangesPerAccountPerDay = 26.2,
        Start = new DateTime(2026, 4, 22, 0, 0, 0, DateTimeKind.Utc),
        DurationDays = 44,
        Tasks = new Dictionary<string, double>
        {
            ["coding"] = 0.3, ["debugging"] = 0.05, ["agentic_tool_use"] = 0.25, ["long_horizon_planning"] = 0.15, ["cybersecurity"] = 0.15, ["reasoning"] = 0.1,
        },
        TemplatesPerTask = 4,
        ParaphraseShare = 0.6,
        CotShare = 0.4,
        FillerShare = 0.1,
        AccountsPerPaymentInstrument = 8,
        HostingShare = 0.3,
        ResidentialShare = 0.6,
        HostingBlocks = 150,
        ResidentialExits = 60000,
        ClientFingerprints = 5,
        CreationBursts = 14,
        BurstWidthHours = 10,
        CreationLeadDays = 4,
        VerifiedShare = 0.3,
        SignupChannels = new Dictionary<string, double> { ["standard"] = 0.8, ["startup_program"] = 0.15, ["education"] = 0.05 },
        ExitCountries = ["US", "SG", "JP", "MY", "GB", "DE", "KR", "CA", "AU"],
        DutyCycle = 0.8,
        OpenAiShare = 0.3,
    };

    // "Hydra cluster" reseller proxy networks: 20,000+ accounts, distillation mixed with unrelated customer traffic,
    // a banned account replaced at once.
    private static CampaignTactics HydraPreset() => new()
    {
        Name = Hydra,
        Operator = "operator:hydra-proxy",
        PublicFigure = "commercial proxy services running \"hydra cluster\" networks of 20,000+ accounts that mix distillation with unrelated customer traffic and replace banned accounts immediately (Anthropic, Feb 2026)",
        Accounts = 20000,
        ExchangesPerAccountPerDay = 12,
        Start = new DateTime(2026, 1, 10, 0, 0, 0, DateTimeKind.Utc),
        DurationDays = 30,
        Tasks = new Dictionary<string, double> { ["coding"] = 0.3, ["reasoning"] = 0.3, ["agentic_tool_use"] = 0.25, ["data_analysis"] = 0.15 },
        TemplatesPerTask = 3,
        ParaphraseShare = 0.5,
        CotShare = 0.5,
        FillerShare = 0.5,
        FillerIsResoldCustomers = true,
        AccountsPerPaymentInstrument = 4,
        HostingShare = 0.3,
        ResidentialShare = 0.5,
        HostingBlocks = 100,
        ResidentialExits = 50000,
        ClientFingerprints = 6,
        CreationBursts = 20,
        BurstWidthHours = 12,
        VerifiedShare = 0.02,
        ExitCountries = ["US", "GB", "DE", "SG", "JP", "NL", "CA", "FR"],
        DutyCycle = 1.0,
        OpenAiShare = 0.5,
        MeanAccountLifetimeDays = 6,
    };
}
