using DistillGuard.Simulation.Network;

namespace DistillGuard.Simulation.Generation;

/// <summary>Where one exchange came from: IP, its AS and country.</summary>
internal readonly record struct Endpoint(string Ip, AsnInfo Asn, string Country);
