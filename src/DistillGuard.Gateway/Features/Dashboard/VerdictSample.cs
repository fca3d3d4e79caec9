namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>
/// Accounts under each effective verdict at one moment (wall-clock time), and a fingerprint of who has which
/// verdict: when it changes, the dashboard fetches fresh findings.
/// </summary>
internal readonly record struct VerdictSample(DateTime At, int Review, int Throttle, int Block, int Overridden, long Version);
