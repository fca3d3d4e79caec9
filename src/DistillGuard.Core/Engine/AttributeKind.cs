namespace DistillGuard.Core.Engine;

/// <summary>Attributes that can link accounts in the linkage graph.</summary>
internal enum AttributeKind : byte
{
    Payment = 0,

    /// <summary>An IPv4 /24 or IPv6 /48 within one seven-day window.</summary>
    IpBlock = 1,

    /// <summary>User agent + TLS fingerprint.</summary>
    ClientFingerprint = 2,

    /// <summary>A prompt template the account repeats.</summary>
    Template = 3,

    /// <summary>An e-mail domain from the accounts file, unless a public mail provider's or an academic one.</summary>
    EmailDomain = 4,
}
