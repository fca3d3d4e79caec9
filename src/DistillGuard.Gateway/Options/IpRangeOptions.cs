using System.ComponentModel.DataAnnotations;

namespace DistillGuard.Gateway.Options;

/// <summary>One row of the IP → country/network table.</summary>
public sealed class IpRangeOptions
{
    /// <summary>CIDR block, e.g. <c>203.0.113.0/24</c>.</summary>
    [Required]
    public string Cidr { get; set; } = string.Empty;

    /// <summary>ISO 3166-1 alpha-2 country.</summary>
    public string? Country { get; set; }

    public int? Asn { get; set; }

    public string? AsnOrg { get; set; }

    /// <summary><c>isp</c>, <c>hosting</c>, <c>business</c>, <c>education</c>, <c>proxy</c>, <c>vpn</c>.</summary>
    public string? AsnType { get; set; }
}
