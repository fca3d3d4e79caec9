using DistillGuard.Simulation.Campaigns;

namespace DistillGuard.Simulation.Truth;

/// <summary>What one campaign did in the scenario, and the knobs it ran with.</summary>
public sealed class CampaignTruth
{
    public string Name { get; set; } = string.Empty;
    public string Operator { get; set; } = string.Empty;
    public string PublicFigure { get; set; } = string.Empty;
    public int Accounts { get; set; }
    public long Exchanges { get; set; }
    public long FillerExchanges { get; set; }
    public DateTime? FirstExchange { get; set; }
    public DateTime? LastExchange { get; set; }

    /// <summary>Share of the campaign's non-filler exchanges per task.</summary>
    public Dictionary<string, double> Tasks { get; set; } = [];

    public string? PivotModel { get; set; }
    public DateTime? ModelReleasedAt { get; set; }
    public DateTime? PivotAt { get; set; }

    /// <summary>Operator infrastructure, for cross-checking indicators: payment fingerprints and client fingerprints in use.</summary>
    public List<string> PaymentFingerprints { get; set; } = [];

    public List<string> ClientFingerprints { get; set; } = [];

    public CampaignTactics? Tactics { get; set; }
}
