using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Features.RegionPolicy;

/// <summary>Where a request came from: the client IP and what the IP table says about it.</summary>
internal readonly record struct ClientNetwork(string? Ip, string? Country, int? Asn, string? AsnOrg, AsnType AsnType)
{
    /// <summary>JA4 of the client's TLS hello: the gateway's own handshake, or what a trusted proxy states.</summary>
    public string? TlsFingerprint { get; init; }
}
