using DistillGuard.Core.Analysis;
using DistillGuard.Core.Intel;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

/// <summary>
/// Everything the engine keeps about one account: fixed-size counters and capped sets (about 1.3 KB with the
/// id, measured by the engine memory benchmark), updated once per exchange.
/// </summary>
internal sealed partial class AccountState
{
    public const int SlotMinutes = 15;

    public AccountState(string id, int index)
    {
        Id = id;
        Index = index;
    }

    public string Id { get; }

    /// <summary>Position in the engine's account list (creation order; used only as a handle).</summary>
    public int Index { get; }

    // From the accounts file.
    public long CreatedTicks { get; set; }

    public SignupChannel Channel { get; set; }

    public bool? Verified { get; set; }

    public ulong OrgKey { get; set; }

    public ulong PaymentKey { get; set; }

    public ulong EmailKey { get; set; }

    public IntelMatch? AccountIntel { get; set; }

    // Volume and time.
    public long Exchanges { get; set; }

    public long FirstTicks { get; set; }

    public long LastTicks { get; set; }

    public int ActiveDays { get; set; }

    public long CurrentDay { get; set; } = -1;

    public int CurrentDayCount { get; set; }

    public int MaxDayCount { get; set; }

    /// <summary>Exchanges per UTC hour of day.</summary>
    public ushort[] Hours { get; } = new ushort[24];

    /// <summary>Activity bitmap over the last 64 slots of <see cref="SlotMinutes"/>; bit 0 is <see cref="SlotBase"/>.</summary>
    public ulong Slots { get; set; }

    public long SlotBase { get; set; }

    // Inter-arrival regularity: Welford over log10 of gaps (seconds).
    public int Gaps { get; set; }

    public double GapMean { get; set; }

    public double GapM2 { get; set; }

    // What is asked.
    public int[] Capabilities { get; } = new int[CapabilityNames.Count];

    public TopTemplates Templates { get; } = new();

    public int Cot { get; set; }

    public int Trace { get; set; }

    public int SingleTurn { get; set; }

    public int Tools { get; set; }

    public int ToolResults { get; set; }

    public int Images { get; set; }

    public long InputTokens { get; set; }

    public long OutputTokens { get; set; }

    public long ReasoningTokens { get; set; }

    /// <summary>Exchanges on a model within 24 h of its release, when the account was already active before it.</summary>
    public int EarlyNewModel { get; set; }

    // Where from.
    public int HostingLike { get; set; }

    /// <summary>
    /// Shared attributes this account holds, by reference (no lookups at evaluation): slot 0 the payment
    /// instrument, then rings of IP blocks, client fingerprints and repeated templates.
    /// </summary>
    public AttributeStats?[] Links { get; } = new AttributeStats?[LinkSlots.Count];

    /// <summary>Next slot of each link ring, 4 bits per ring (kept in one field: every byte per account counts).</summary>
    public int LinkNext { get; set; }

    /// <summary>
    /// Bit i set when <see cref="Links"/>[i] is held and its first holder is another account: clustering walks only
    /// these (reaching an attribute to ask for its anchor was most of a clustering pass: a cache miss per link).
    /// </summary>
    public ushort ForeignLinkMask { get; set; }

    /// <summary>
    /// Bit i set when <see cref="Links"/>[i] counts this account among its education holders (its sign-up channel, or
    /// for an attribute its traffic gave it, an education network); <see cref="EducationNetworkMask"/> the latter.
    /// A later account record that changes the channel counts or uncounts exactly these.
    /// </summary>
    public ushort EducationMask { get; set; }

    /// <inheritdoc cref="EducationMask"/>
    public ushort EducationNetworkMask { get; set; }

    public KeySet Ips { get; } = new(4);

    public KeySet Asns { get; } = new(3);

    public KeySet Countries { get; } = new(3);

    /// <summary>Exchanges per bucket of the engine's <see cref="TimelineBuckets"/> (saturating), allocated on first use.</summary>
    public ushort[]? Timeline { get; set; }

    /// <summary>The first few models used and their exchange counts (the rest are not itemised).</summary>
    public ModelState?[] Models { get; } = new ModelState?[3];

    public int[] ModelCounts { get; } = new int[3];

    public int IntelHits { get; set; }

    public IntelMatch? ExchangeIntel { get; set; }

    // Results of the last evaluation.
    /// <summary>The engine evaluation that last put the account on its re-evaluation list.</summary>
    public int TouchedIn { get; set; }

    /// <summary>The status last published for the account (what <see cref="DetectionEngine.GetStatus"/> returns).</summary>
    public AccountStatus? Published { get; set; }

    public AccountScore Score { get; set; }

    public float Risk { get; set; }

    /// <summary>Risk from the account's own evidence (behaviour, cluster, intel), before a co-holder's verdict is inherited.</summary>
    public float OwnRisk { get; set; }

    /// <summary>The level this account counts with on its payment instrument and sign-up domain: the override if any, else its own verdict.</summary>
    public Verdict HolderLevel { get; set; }

    /// <summary>An operator's verdict for the account (the gateway's admin override), which counts for its card's and domain's co-holders.</summary>
    public Verdict? Override { get; set; }

    /// <summary>Co-holders of <see cref="InheritedVia"/> at <see cref="InheritedLevel"/>, when the last verdict was inherited from them; else 0.</summary>
    public int InheritedFrom { get; set; }

    public Verdict InheritedLevel { get; set; }

    /// <summary>The attribute the last inherited verdict came through: the payment instrument or the sign-up domain.</summary>
    public AttributeKind InheritedVia { get; set; }

    /// <summary>Its place in its card's newcomers while the engine has applied none of its exchanges; else -1.</summary>
    public int NewcomerSlot { get; set; } = -1;

    /// <summary>The verdict a gateway enforces on its requests before the engine has applied one (<see cref="AccountStanding"/>).</summary>
    public Verdict Standing { get; set; }

    /// <summary>Log time (ticks) from which <see cref="Standing"/> has been throttle or block.</summary>
    public long StandingSinceTicks { get; set; }

    public Verdict Verdict { get; set; }

    public long FirstFlaggedTicks { get; set; }

    /// <summary>Log time (ticks) of the first throttle or block verdict; 0 while never enforced.</summary>
    public long FirstEnforcedTicks { get; set; }

    /// <summary>Log time (ticks) of the evaluation that first counted it in a named campaign; 0 while never.</summary>
    public long FirstCampaignTicks { get; set; }

    /// <summary>
    /// After the first enforcement, the stretches (log ticks, <c>To</c> = <see cref="long.MaxValue"/> while open) in
    /// which the verdict was below throttle; null for the many accounts that never had one.
    /// </summary>
    public List<(long From, long To)>? Lapses { get; set; }

    public string? CampaignId { get; set; }

    public int Cluster { get; set; } = -1;

    /// <summary>Strongest link weight into its cluster at the last evaluation.</summary>
    public float LinkStrength { get; set; }

    /// <summary>Bit per <see cref="AttributeKind"/> linked at or above the threshold at the last evaluation.</summary>
    public byte LinkMask { get; set; }

    /// <summary>Strongest qualifying link weight per <see cref="AttributeKind"/> at the last evaluation.</summary>
    public float[] LinkWeights { get; } = new float[LinkSlots.Kinds];

    public bool IsEducation => Channel == SignupChannel.Education;
}
