namespace DistillGuard.Core.Engine;

/// <summary>
/// Logistic model from behaviour and coordination to a calibrated probability that an account belongs to a
/// distillation campaign, with the coefficients in <see cref="DetectionOptions.RiskModel"/> (built in: the fit on the
/// simulator's <c>default</c> scenario, <see cref="RiskCoefficients.Default"/>). Behaviour alone cannot reach the
/// review threshold: an account outside a linked group of at least three accounts, or linked to it by nothing but a
/// client fingerprint, stays below it.
/// </summary>
internal static class RiskModel
{
    /// <summary>How much an intel match may raise risk (towards 1), as a share of the remaining gap.</summary>
    public const double IntelLift = 0.35;

    /// <summary>0 for a pair (two linked accounts are a family or a colleague, not a campaign), 1 from ten accounts.</summary>
    public static double SizeFactor(int active) => Math.Clamp(Math.Log(Math.Max(active, 1) / 2.0) / Math.Log(5), 0, 1);

    /// <summary>
    /// Writes the account's raw model inputs in <see cref="RiskCoefficients.Names"/> order (the bias slot 1): its
    /// behaviour components, then its own part in the cluster's coordination — the links it holds itself (a loosely
    /// attached honest account does not inherit the campaign's shared payments) and the cluster's timing and creation
    /// evidence. The model-inputs file writes the same values.
    /// </summary>
    public static void Inputs(AccountState account, ClusterFeatures? cluster, Span<double> inputs)
    {
        var s = account.Score;
        inputs[(int)RiskTerm.Bias] = 1;
        inputs[(int)RiskTerm.Templated] = s.Templated;
        inputs[(int)RiskTerm.Cot] = s.Cot;
        inputs[(int)RiskTerm.SingleTurn] = s.SingleTurn;
        inputs[(int)RiskTerm.Targeted] = s.TargetedCapability;
        inputs[(int)RiskTerm.Hosting] = s.Hosting;
        inputs[(int)RiskTerm.Young] = s.Young;
        inputs[(int)RiskTerm.Unverified] = s.Unverified;
        inputs[(int)RiskTerm.Regular] = s.Regular;
        inputs[(int)RiskTerm.AroundTheClock] = s.AroundTheClock;
        inputs[(int)RiskTerm.OutputHeavy] = s.OutputHeavy;
        inputs[(int)RiskTerm.NetworkDiversity] = s.NetworkDiversity;
        inputs[(int)RiskTerm.Vouched] = s.Vouched;
        var w = account.LinkWeights;
        for (var k = 0; k < LinkSlots.Kinds; k++)
        {
            inputs[(int)RiskTerm.Payment + k] = w[k];
        }

        inputs[(int)RiskTerm.CreationBurst] = cluster?.CreationBurst ?? 0;
        inputs[(int)RiskTerm.Synchrony] = cluster?.Synchrony ?? 0;
        inputs[(int)RiskTerm.TurnTaking] = cluster?.TurnTaking ?? 0;
        inputs[(int)RiskTerm.Pivot] = cluster?.Pivot ?? 0;
        inputs[(int)RiskTerm.MeanBehaviour] = cluster?.MeanBehaviour ?? 0;
    }

    /// <summary>
    /// The account's risk on its own evidence: the options' model's (<see cref="RiskCoefficients.Risk"/>), held under the
    /// throttle risk when its traffic shows <see cref="ConversationalUse"/> and the options hold it.
    /// </summary>
    public static double Member(AccountState account, ClusterFeatures? cluster, DetectionOptions options)
    {
        if (account.Exchanges == 0)
        {
            return 0;
        }

        Span<double> inputs = stackalloc double[RiskCoefficients.Count];
        Inputs(account, cluster, inputs);
        var size = cluster is null ? 0 : SizeFactor(cluster.Active);
        var risk = options.RiskModel.Risk(inputs, account.Exchanges, size, options.ReviewRisk);
        return ConversationalUse.Holds(account, options) ? Math.Min(risk, ConversationalUse.Hold(options.ReviewRisk, options.ThrottleRisk)) : risk;
    }

    /// <summary>Raises risk for peer-intel matches without ever crossing <paramref name="blockRisk"/> on their own.</summary>
    public static double WithIntel(double risk, double confidence, double blockRisk)
    {
        var lifted = risk + ((1 - risk) * IntelLift * Math.Clamp(confidence, 0, 1));
        return risk >= blockRisk ? lifted : Math.Min(lifted, Math.Max(risk, blockRisk - 0.01));
    }
}
