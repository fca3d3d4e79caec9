using System.Net;
using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Features.RegionPolicy;

/// <summary>A parsed row of the IP table.</summary>
internal sealed record IpRange(IPNetwork Network, string? Country, int? Asn, string? AsnOrg, AsnType AsnType);
