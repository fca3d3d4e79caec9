namespace DistillGuard.Core.Engine;

/// <summary>Evidence that a candidate cluster of linked accounts acts as one campaign (docs/detection.md).</summary>
internal sealed class ClusterFeatures
{
    public required List<AccountState> Members { get; init; }

    /// <summary>Members that have sent traffic.</summary>
    public int Active { get; set; }

    public double PaymentShare { get; set; }

    public double BlockShare { get; set; }

    public double ClientShare { get; set; }

    public double TemplateShare { get; set; }

    public double EmailShare { get; set; }

    /// <summary>Share of active members holding a qualifying link of this kind.</summary>
    public double LinkShare(AttributeKind kind) => kind switch
    {
        AttributeKind.Payment => PaymentShare,
        AttributeKind.IpBlock => BlockShare,
        AttributeKind.ClientFingerprint => ClientShare,
        AttributeKind.Template => TemplateShare,
        _ => EmailShare,
    };

    /// <summary>Share of members created within one 72-hour window.</summary>
    public double CreationBurst { get; set; }

    public int CreationBurstAccounts { get; set; }

    /// <summary>Mean Jaccard of members' 15-minute activity over the last 16 hours.</summary>
    public double Synchrony { get; set; }

    /// <summary>How disjoint members' active slots are while the cluster as a whole is busy (taking turns).</summary>
    public double TurnTaking { get; set; }

    /// <summary>Share of members that moved traffic to a model within 24 hours of its release.</summary>
    public double Pivot { get; set; }

    public double MeanBehaviour { get; set; }

    /// <summary>Combined coordination score.</summary>
    public double Coordination { get; set; }

    public string? CampaignId { get; set; }

    /// <summary>The engine's evaluation in which its members were last queued for re-evaluation.</summary>
    public int TouchedIn { get; set; }

    public const double WPayment = 1.0;
    public const double WBlock = 0.6;
    public const double WClient = 0.5;
    public const double WTemplate = 0.8;
    public const double WCreation = 0.5;
    public const double WSynchrony = 0.3;
    public const double WTurnTaking = 0.3;
    public const double WPivot = 0.4;
}
