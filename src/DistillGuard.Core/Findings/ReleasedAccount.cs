namespace DistillGuard.Core.Findings;

/// <summary>
/// Beyond the spec: an account that was throttled or blocked and whose verdict has fallen back to <c>allow</c>, so the
/// spec's <c>accounts</c> (every account not at allow) no longer lists it. Kept so that what its enforcement stopped and
/// served can still be counted (<c>evaluate</c>): an honest customer refused for a while, a campaign account let go.
/// </summary>
public sealed class ReleasedAccount
{
    public string AccountId { get; set; } = string.Empty;

    public long Exchanges { get; set; }

    /// <summary>When throttling or blocking began (as <see cref="AccountFinding.FirstEnforcedAt"/>).</summary>
    public DateTime FirstEnforcedAt { get; set; }

    /// <summary>The stretches it was not enforced since; the last one, still open, is the release.</summary>
    public List<EnforcementLapse> Lapses { get; set; } = [];
}
