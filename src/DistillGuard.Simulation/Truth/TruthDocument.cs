namespace DistillGuard.Simulation.Truth;

/// <summary>
/// The labels of a simulated scenario (<c>truth.json</c>): every account's label (honest archetype or campaign name)
/// and per-campaign metadata. <c>evaluate</c> scores findings against it.
/// </summary>
public sealed class TruthDocument
{
    public const string SchemaName = "distillguard.truth/v1";

    public string Schema { get; set; } = SchemaName;
    public string Scenario { get; set; } = string.Empty;
    public ulong Seed { get; set; }
    public double Scale { get; set; }
    public DateTime Start { get; set; }
    public DateTime End { get; set; }

    /// <summary>Folder the real prompts came from, or null when only the built-in generators were used.</summary>
    public string? PromptData { get; set; }

    public long Exchanges { get; set; }

    /// <summary>Every account, sorted by id.</summary>
    public List<AccountTruth> Accounts { get; set; } = [];

    public List<ArchetypeTruth> Archetypes { get; set; } = [];
    public List<CampaignTruth> Campaigns { get; set; } = [];
}
