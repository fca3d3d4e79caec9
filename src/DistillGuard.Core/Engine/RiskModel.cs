namespace DistillGuard.Core.Engine;

/// <summary>
/// Logistic model from behaviour and coordination to a calibrated probability that an account belongs to a
/// distillation campaign. Coefficients were fitted against the simulator's labels (docs/detection.md,
/// "Calibration"); behaviour alone cannot reach the review threshold.
/// </summary>
internal static class RiskModel
{
    public const double Bias = -7.0;
    public const double WCoordination = 3.0;
    public const double WBehaviour = 6.0;
    public const double WClusterBehaviour = 2.0;
    public const double WLink = 1.0;

    /// <summary>How much an intel match may raise risk (towards 1), as a share of the remaining gap.</summary>
    public const double IntelLift = 0.35;

    /// <summary>0 for a pair (two linked accounts are a family or a colleague, not a campaign), 1 from ten accounts.</summary>
    public static double SizeFactor(int active) => Math.Clamp(Math.Log(Math.Max(active, 1) / 2.0) / Math.Log(5), 0, 1);

    public static double Member(AccountState account, ClusterFeatures? cluster)
    {
        var z = Bias + (WBehaviour * account.Score.Behaviour);
        if (cluster is not null && account.Exchanges > 0)
        {
            z += SizeFactor(cluster.Active) * ((WCoordination * cluster.Coordination)
                + (WClusterBehaviour * cluster.MeanBehaviour)
                + (WLink * account.LinkStrength));
        }

        return 1 / (1 + Math.Exp(-z));
    }

    /// <summary>Raises risk for peer-intel matches without ever crossing <paramref name="blockRisk"/> on their own.</summary>
    public static double WithIntel(double risk, double confidence, double blockRisk)
    {
        var lifted = risk + ((1 - risk) * IntelLift * Math.Clamp(confidence, 0, 1));
        return risk >= blockRisk ? lifted : Math.Min(lifted, Math.Max(risk, blockRisk - 0.01));
    }
}
