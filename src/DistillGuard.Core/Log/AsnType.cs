namespace DistillGuard.Core.Log;

/// <summary>What kind of network an autonomous system is (the log's <c>asn_type</c>).</summary>
public enum AsnType
{
    Unknown = 0,
    Isp,
    Hosting,
    Business,
    Education,
    Proxy,
    Vpn,
}
