namespace DistillGuard.Core.Engine;

/// <summary>
/// Logistic model from behaviour and coordination to a calibrated probability that an account belongs to a
/// distillation campaign. Coefficients were fitted (L2-regularised logistic regression) against the simulator's
/// labels on the default scenario, seed 1 (docs/detection.md, "Calibration"); signals that must never lower risk
/// were clamped at 0. Behaviour alone cannot reach the review threshold: an account outside a linked group of at
/// least three accounts, or linked to it by nothing but a client fingerprint, stays below it.
/// </summary>
internal static class RiskModel
{
    public const double Bias = -4.09;

    // Behaviour components (each in [0, 1]), shrunk by n / (n + 4) for an account with n exchanges.
    public const double BTemplated = 0.0;
    public const double BCot = 0.47;
    public const double BSingleTurn = 0.85;
    public const double BTargeted = 0.11;
    public const double BHosting = 0.80;
    public const double BYoung = 1.33;
    public const double BUnverified = 0.40;
    public const double BRegular = 0.36;
    public const double BAroundTheClock = 0.47;
    public const double BOutputHeavy = 0.47;
    public const double BNetworkDiversity = 0.82;
    public const double BVouched = -0.56;

    // Coordination (link weights in [0, 1], cluster evidence in [0, 1]), scaled by the cluster's size factor.
    public const double CPayment = 2.56;
    public const double CBlock = 0.61;
    public const double CClient = 0.04;
    public const double CTemplate = 0.0;
    public const double CEmail = 1.5;
    public const double CCreation = 0.57;
    public const double CSynchrony = 0.0;
    public const double CTurnTaking = 0.0;
    public const double CPivot = 0.01;
    public const double CClusterBehaviour = 0.71;

    /// <summary>How much an intel match may raise risk (towards 1), as a share of the remaining gap.</summary>
    public const double IntelLift = 0.35;

    /// <summary>0 for a pair (two linked accounts are a family or a colleague, not a campaign), 1 from ten accounts.</summary>
    public static double SizeFactor(int active) => Math.Clamp(Math.Log(Math.Max(active, 1) / 2.0) / Math.Log(5), 0, 1);

    public static double Shrink(long exchanges) => exchanges / (exchanges + 4.0);

    public static double BehaviourLogit(in AccountScore s) =>
        (BTemplated * s.Templated) + (BCot * s.Cot) + (BSingleTurn * s.SingleTurn) + (BTargeted * s.TargetedCapability)
        + (BHosting * s.Hosting) + (BYoung * s.Young) + (BUnverified * s.Unverified) + (BRegular * s.Regular)
        + (BAroundTheClock * s.AroundTheClock) + (BOutputHeavy * s.OutputHeavy) + (BNetworkDiversity * s.NetworkDiversity)
        + (BVouched * s.Vouched);

    /// <summary>
    /// The account's own part in the cluster's coordination: the links it holds itself (a loosely attached honest
    /// account does not inherit the campaign's shared payments), plus the cluster's timing and creation evidence.
    /// </summary>
    public static double CoordinationLogit(AccountState account, ClusterFeatures cluster)
    {
        var w = account.LinkWeights;
        double links = 0;
        for (var k = 0; k < LinkSlots.Kinds; k++)
        {
            links += LinkCoefficient((AttributeKind)k) * w[k];
        }

        return links
            + (CCreation * cluster.CreationBurst) + (CSynchrony * cluster.Synchrony) + (CTurnTaking * cluster.TurnTaking)
            + (CPivot * cluster.Pivot) + (CClusterBehaviour * cluster.MeanBehaviour);
    }

    /// <summary>The coefficient of an account's own strongest link of this kind.</summary>
    public static double LinkCoefficient(AttributeKind kind) => kind switch
    {
        AttributeKind.Payment => CPayment,
        AttributeKind.IpBlock => CBlock,
        AttributeKind.ClientFingerprint => CClient,
        AttributeKind.Template => CTemplate,
        _ => CEmail,
    };

    public static double Member(AccountState account, ClusterFeatures? cluster, double reviewRisk)
    {
        if (account.Exchanges == 0)
        {
            return 0;
        }

        var z = Bias + (Shrink(account.Exchanges) * BehaviourLogit(account.Score));
        var size = cluster is null ? 0 : SizeFactor(cluster.Active);
        if (size > 0)
        {
            z += size * CoordinationLogit(account, cluster!);
        }

        var risk = 1 / (1 + Math.Exp(-z));
        return size > 0 && HoldsMoreThanAClient(account) ? risk : Math.Min(risk, reviewRisk - 0.01);
    }

    /// <summary>
    /// Whether the account holds a link of its own other than a client fingerprint. The pool joins accounts through
    /// any attribute they share, and an SDK build is shared by strangers (its coefficient is near 0): an app backend
    /// whose behaviour alone reads as a harvester's must not be flagged for being pooled with two others on one SDK.
    /// On the simulated scenarios no campaign account's only link is a client fingerprint; about 300 honest ones' is.
    /// </summary>
    private static bool HoldsMoreThanAClient(AccountState account) => (account.LinkMask & ~(1 << (int)AttributeKind.ClientFingerprint)) != 0;

    /// <summary>Raises risk for peer-intel matches without ever crossing <paramref name="blockRisk"/> on their own.</summary>
    public static double WithIntel(double risk, double confidence, double blockRisk)
    {
        var lifted = risk + ((1 - risk) * IntelLift * Math.Clamp(confidence, 0, 1));
        return risk >= blockRisk ? lifted : Math.Min(lifted, Math.Max(risk, blockRisk - 0.01));
    }
}
