namespace DistillGuard.Core.Findings;

/// <summary>
/// A stretch of log time in which an account enforced before (throttled or blocked) was not enforced: what a gateway
/// running the engine served it then. Beyond the spec, like <see cref="AccountFinding.FirstEnforcedAt"/>.
/// </summary>
public sealed class EnforcementLapse
{
    /// <summary>When the verdict fell below throttle (the earliest a gateway stopped enforcing it).</summary>
    public DateTime From { get; set; }

    /// <summary>When throttle or block came back; absent while the lapse lasts.</summary>
    public DateTime? To { get; set; }
}
