namespace DistillGuard.Core.Engine;

/// <summary>Accounts (by index) holding one infrastructure attribute through a qualifying link, for one clustering pass; pooled across passes.</summary>
internal sealed class InfraHolders
{
    public double Weight { get; set; }

    public bool HasAnchor { get; set; }

    public List<int> Accounts { get; } = [];

    public InfraHolders Reset(double weight)
    {
        Weight = weight;
        HasAnchor = false;
        Accounts.Clear();
        return this;
    }
}
