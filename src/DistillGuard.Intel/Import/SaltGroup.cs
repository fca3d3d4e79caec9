using DistillGuard.Core.Hashing;

namespace DistillGuard.Intel.Import;

/// <summary>
/// The hashed fingerprints shared under one salt (one bundle, usually). Our value is hashed once per group and
/// looked up in each table: a miss costs one HMAC per fingerprint kind present and no allocation.
/// </summary>
internal sealed class SaltGroup(HmacSha256Key key, Dictionary<Stix.Hash256, IntelEntry[]> payment, Dictionary<Stix.Hash256, IntelEntry[]> template, Dictionary<Stix.Hash256, IntelEntry[]> client)
{
    public HmacSha256Key Key { get; } = key;

    public Dictionary<Stix.Hash256, IntelEntry[]> Payment { get; } = payment;

    public Dictionary<Stix.Hash256, IntelEntry[]> Template { get; } = template;

    public Dictionary<Stix.Hash256, IntelEntry[]> Client { get; } = client;
}
