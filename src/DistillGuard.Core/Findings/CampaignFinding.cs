namespace DistillGuard.Core.Findings;

/// <summary>A set of accounts acting together.</summary>
public sealed class CampaignFinding
{
    public string CampaignId { get; set; } = string.Empty;
    public double Confidence { get; set; }

    /// <summary>Number of member accounts.</summary>
    public int Accounts { get; set; }

    public List<string> AccountIds { get; set; } = [];
    public long Exchanges { get; set; }
    public DateTime FirstSeen { get; set; }
    public DateTime LastSeen { get; set; }

    /// <summary>Log time at which the campaign was first recognised.</summary>
    public DateTime? DetectedAt { get; set; }

    /// <summary>Share of the campaign's exchanges per capability (spec names), largest first.</summary>
    public Dictionary<string, double> Capabilities { get; set; } = [];

    public double CotElicitationRate { get; set; }
    public CampaignIndicators Indicators { get; set; } = new();
    public List<Reason> Reasons { get; set; } = [];

    /// <summary>Exchanges per bucket, aligned to the document's <see cref="FindingsDocument.Timeline"/>.</summary>
    public long[]? Timeline { get; set; }

    public CampaignGraph? Graph { get; set; }
    public List<TemplateSummary>? Templates { get; set; }
    public Infrastructure? Infrastructure { get; set; }

    /// <summary>Share of the campaign's exchanges per model, largest first.</summary>
    public Dictionary<string, double>? Models { get; set; }

    /// <summary>
    /// Other campaigns whose accounts share a linking attribute with this one's (a template, an IP block, a client
    /// fingerprint): a proxy network or prompt set two operators both use. Beyond the spec; absent when none.
    /// </summary>
    public List<RelatedCampaign>? RelatedCampaigns { get; set; }
}

/// <summary>A campaign sharing attributes with another, and which.</summary>
public sealed class RelatedCampaign
{
    public string CampaignId { get; set; } = string.Empty;
    public List<SharedIndicator> Shared { get; set; } = [];
}

/// <summary>One attribute two campaigns share: its kind (a graph edge kind) and value (as in the indicators).</summary>
public sealed class SharedIndicator
{
    public string Kind { get; set; } = string.Empty;
    public string Value { get; set; } = string.Empty;

    /// <summary>The kind and value as one reads them: "ip block 203.0.113.0/24".</summary>
    public string Describe() => Kind.Replace('_', ' ') + " " + Value;
}

public sealed class CampaignIndicators
{
    public List<string> Ips { get; set; } = [];
    public List<int> Asns { get; set; } = [];
    public List<string> PaymentFingerprints { get; set; } = [];
    public List<string> TemplateIds { get; set; } = [];

    /// <summary>IPv4 /24 and IPv6 /48 blocks in CIDR notation.</summary>
    public List<string>? IpBlocks { get; set; }

    /// <summary>Client fingerprints: <c>user_agent|tls_fingerprint</c>.</summary>
    public List<string>? ClientFingerprints { get; set; }

    /// <summary>E-mail domains its accounts share that no public mail provider, school or organisation explains.</summary>
    public List<string>? EmailDomains { get; set; }
}
