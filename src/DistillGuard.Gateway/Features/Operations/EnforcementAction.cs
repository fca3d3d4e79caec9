namespace DistillGuard.Gateway.Features.Operations;

/// <summary>What the gateway did to a request because of policy (the <c>action</c> label of the enforcement counter).</summary>
internal enum EnforcementAction
{
    Blocked = 0,
    Throttled = 1,
    ReviewRecorded = 2,
    Countermeasure = 3,
    RegionDenied = 4,
    NetworkDenied = 5,
}
