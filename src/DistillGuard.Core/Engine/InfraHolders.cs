namespace DistillGuard.Core.Engine;

/// <summary>Accounts (by index) holding one infrastructure attribute through a qualifying link, for one clustering pass.</summary>
internal sealed class InfraHolders(double weight)
{
    public double Weight { get; } = weight;

    public bool HasAnchor { get; set; }

    public List<int> Accounts { get; } = [];
}
