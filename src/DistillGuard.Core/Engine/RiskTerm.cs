namespace DistillGuard.Core.Engine;

/// <summary>The risk model's terms, in <see cref="RiskCoefficients.Names"/> order (the model-inputs file's column order).</summary>
public enum RiskTerm
{
    Bias,
    Templated,
    Cot,
    SingleTurn,
    Targeted,
    Hosting,
    Young,
    Unverified,
    Regular,
    AroundTheClock,
    OutputHeavy,
    NetworkDiversity,
    Vouched,

    /// <summary>The account's own strongest payment link; the other link kinds follow in <c>AttributeKind</c> order.</summary>
    Payment,
    IpBlock,
    ClientFingerprint,
    Template,
    EmailDomain,
    CreationBurst,
    Synchrony,
    TurnTaking,
    Pivot,
    MeanBehaviour,
}
