namespace DistillGuard.Simulation.Evaluation;

/// <summary>Account-level confusion counts and the rates derived from them (positive = campaign account).</summary>
public sealed class ConfusionCounts
{
    public int TruePositives { get; set; }
    public int FalsePositives { get; set; }
    public int FalseNegatives { get; set; }
    public int TrueNegatives { get; set; }

    /// <summary>TP / (TP + FP); 1 when nothing was flagged (no false claim was made).</summary>
    public double Precision => TruePositives + FalsePositives == 0 ? 1.0 : (double)TruePositives / (TruePositives + FalsePositives);

    /// <summary>TP / (TP + FN); 1 when there are no campaign accounts.</summary>
    public double Recall => TruePositives + FalseNegatives == 0 ? 1.0 : (double)TruePositives / (TruePositives + FalseNegatives);

    /// <summary>FP / (FP + TN): the share of honest accounts hit.</summary>
    public double FalsePositiveRate => FalsePositives + TrueNegatives == 0 ? 0.0 : (double)FalsePositives / (FalsePositives + TrueNegatives);
}
