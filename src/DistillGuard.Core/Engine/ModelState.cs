namespace DistillGuard.Core.Engine;

/// <summary>A model seen in traffic, with its release time (from the releases file, else its first appearance).</summary>
internal sealed class ModelState(string name)
{
    public string Name { get; } = name;

    public long ReleaseTicks { get; set; } = long.MaxValue;

    public bool ReleaseKnown { get; set; }

    public long Exchanges { get; set; }
}
