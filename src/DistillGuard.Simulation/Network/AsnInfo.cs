using DistillGuard.Core.Log;

namespace DistillGuard.Simulation.Network;

/// <summary>An autonomous system the simulator places clients in.</summary>
internal sealed record AsnInfo(int Number, string Org, AsnType Type, string Country);
