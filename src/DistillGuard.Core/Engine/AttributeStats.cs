using DistillGuard.Core.Analysis;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

/// <summary>
/// What the engine knows about one shared attribute (payment instrument, IP block in a week, client
/// fingerprint, template): counts and a label, never a member list, so its size is fixed whatever its
/// popularity. Clustering links each holder to the <see cref="Anchor"/> (its first holder).
/// </summary>
internal sealed class AttributeStats
{
    private string? _label;

    public AttributeStats(AttributeKind kind, ulong key, string? label, AccountState anchor)
    {
        Kind = kind;
        Key = key;
        _label = label;
        Anchor = anchor;
        OrgKey = anchor.OrgKey;
    }

    public AttributeKind Kind { get; }

    public ulong Key { get; }

    /// <summary>Readable value: payment fingerprint, CIDR block, <c>user_agent|tls</c>, template id in hex.</summary>
    public string Label => _label ??= Kind switch
    {
        // Computed on first use (findings), so registering a block or template allocates no text.
        AttributeKind.IpBlock when SampleIps is [var ip, ..] => IpBlocks.BlockLabel(ip),
        _ => Key.ToString("x16", System.Globalization.CultureInfo.InvariantCulture),
    };

    public AccountState Anchor { get; }

    /// <summary>Distinct accounts holding it.</summary>
    public int Accounts { get; set; }

    /// <summary>Holders whose org_id equals <see cref="OrgKey"/> (the first holder's organisation).</summary>
    public int SameOrgAccounts { get; set; }

    /// <summary>The first holder's organisation, as it stands now (an account record can move it).</summary>
    public ulong OrgKey { get; set; }

    /// <summary>Its first holder moved to another organisation: <see cref="SameOrgAccounts"/> is counted again at the next evaluation.</summary>
    public bool OrgRecountDue { get; set; }

    /// <summary>Holders that signed up through education or sit on an education network.</summary>
    public int EducationAccounts { get; set; }

    public long Exchanges { get; set; }

    /// <summary>Accounts whose link rings hold it now; at 0 (and not a payment instrument) the engine forgets it.</summary>
    public int HeldBy { get; set; }

    public long FirstTicks { get; set; }

    public long LastTicks { get; set; }

    // IP blocks: the network it lies on and a few addresses seen, for indicators.
    public int Asn { get; set; }

    public string? AsnOrg { get; set; }

    public AsnType AsnType { get; set; }

    public string? Country { get; set; }

    public string[]? SampleIps { get; set; }

    // Templates: capability and one example prompt, truncated.
    public Capability Capability { get; set; }

    public string? Example { get; set; }

    /// <summary>
    /// Payment instruments and sign-up domains only: holders the engine (by their own evidence) or an operator's override
    /// has throttled or blocked, for <see cref="DetectionOptions.PaymentBanEvasion"/> and
    /// <see cref="DetectionOptions.SignupDomainBanEvasion"/>.
    /// </summary>
    public int ThrottledHolders { get; set; }

    /// <inheritdoc cref="ThrottledHolders"/>
    public int BlockedHolders { get; set; }

    /// <summary>
    /// Payment instruments only: holders known before their traffic of which the engine has applied no exchange yet, for
    /// their <see cref="AccountStanding"/>. Not a list of every holder: it empties as they start sending.
    /// </summary>
    public List<AccountState>? Newcomers { get; set; }

    /// <summary>Queued for its newcomers' standings to be brought up to date.</summary>
    public bool RestandQueued { get; set; }

    /// <summary>The standing its newcomers have now (<see cref="Verdict.Allow"/>: none).</summary>
    public Verdict StandingLevel { get; set; }

    /// <summary>Clustering pass in which it last joined two accounts.</summary>
    public int JoinedInPass { get; set; } = int.MinValue / 2;

    /// <summary>Whether it joined accounts in the pass before the one that last weighed it (see <c>CoordinationPass.Joins</c>).</summary>
    public bool JoinedLastPass { get; set; }

    /// <summary>Clustering pass that last computed <see cref="PassWeight"/>: each attribute is weighed once per pass.</summary>
    public int WeighedInPass { get; set; }

    public double PassWeight { get; set; }

    /// <summary>Share of holders explained by one organisation or an education network.</summary>
    public double ExplainedShare => Accounts <= 1 ? 0 : Math.Max(
        OrgKey == 0 ? 0 : (double)SameOrgAccounts / Accounts,
        Kind == AttributeKind.IpBlock && AsnType == AsnType.Education ? 1.0 : (double)EducationAccounts / Accounts * 0.8);
}
