namespace DistillGuard.Simulation.Campaigns;

/// <summary>Through what a campaign account reaches the API.</summary>
internal enum ExitKind
{
    Hosting,
    Residential,
    ProxyOrVpn,
}
