namespace DistillGuard.Core.Findings;

/// <summary>The linkage graph of a campaign's accounts.</summary>
public sealed class CampaignGraph
{
    /// <summary>Account ids; edges refer to them by id.</summary>
    public List<string> Nodes { get; set; } = [];

    public List<GraphEdge> Edges { get; set; } = [];
}

/// <summary>A link between two accounts through a shared attribute.</summary>
public sealed class GraphEdge
{
    public string Source { get; set; } = string.Empty;
    public string Target { get; set; } = string.Empty;

    /// <summary><c>payment</c>, <c>ip_block</c>, <c>template</c>, <c>client_fingerprint</c>, <c>creation_burst</c>, <c>timing</c>, <c>intel</c>.</summary>
    public string Kind { get; set; } = string.Empty;

    public double Weight { get; set; }
}

public sealed class TemplateSummary
{
    public string TemplateId { get; set; } = string.Empty;
    public long Exchanges { get; set; }
    public int Accounts { get; set; }
    public string Capability { get; set; } = "other";

    /// <summary>One prompt following the template, truncated.</summary>
    public string? Example { get; set; }
}

public sealed class Infrastructure
{
    public List<AsnSummary> Asns { get; set; } = [];
    public Dictionary<string, long> Countries { get; set; } = [];
    public List<IpBlockSummary> IpBlocks { get; set; } = [];
}

public sealed class AsnSummary
{
    public int Asn { get; set; }
    public string? Org { get; set; }
    public string Type { get; set; } = "unknown";
    public long Exchanges { get; set; }
}

public sealed class IpBlockSummary
{
    public string Block { get; set; } = string.Empty;
    public long Exchanges { get; set; }
    public int Accounts { get; set; }
}
