namespace DistillGuard.Core.Findings;

/// <summary>One piece of evidence: a stable machine name, its share of the score, and a sentence with numbers.</summary>
public sealed class Reason
{
    public string Signal { get; set; } = string.Empty;
    public double Weight { get; set; }
    public string Detail { get; set; } = string.Empty;
}
