using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;

namespace DistillGuard.Core.Tests.Engine;

public sealed class RiskCoefficientsTests
{
    [Fact]
    public void Names_FollowTheTermsAndTheLinkKinds()
    {
        Assert.Equal(Enum.GetValues<RiskTerm>().Length, RiskCoefficients.Count);
        Assert.Equal("bias", RiskCoefficients.Names[(int)RiskTerm.Bias]);
        Assert.Equal("vouched", RiskCoefficients.Names[(int)RiskTerm.Vouched]);
        Assert.Equal("mean_behaviour", RiskCoefficients.Names[(int)RiskTerm.MeanBehaviour]);

        // The engine writes link weights in AttributeKind order from RiskTerm.Payment on.
        Assert.Equal((int)RiskTerm.Payment + (int)AttributeKind.Payment, (int)RiskTerm.Payment);
        Assert.Equal((int)RiskTerm.Payment + (int)AttributeKind.IpBlock, (int)RiskTerm.IpBlock);
        Assert.Equal((int)RiskTerm.Payment + (int)AttributeKind.ClientFingerprint, (int)RiskTerm.ClientFingerprint);
        Assert.Equal((int)RiskTerm.Payment + (int)AttributeKind.Template, (int)RiskTerm.Template);
        Assert.Equal((int)RiskTerm.Payment + (int)AttributeKind.EmailDomain, (int)RiskTerm.EmailDomain);
        Assert.Equal(2.56, RiskCoefficients.Default.Link(AttributeKind.Payment));
    }

    [Theory]
    [InlineData("w_payment", -0.1, "w_payment: -0.1 would lower risk")]
    [InlineData("vouched", 0.2, "vouched: 0.2 would raise risk")]
    [InlineData("cot", double.NaN, "cot: NaN is not a finite number")]
    public void With_AValueThatCannotBeTheCoefficient_IsRefusedNamingIt(string name, double value, string message)
    {
        var error = Assert.Throws<ArgumentException>(() => RiskCoefficients.Default.With(RiskCoefficients.IndexOf(name), value));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void With_TheBiasMayTakeEitherSign()
    {
        Assert.Equal(1.5, RiskCoefficients.Default.With((int)RiskTerm.Bias, 1.5)[RiskTerm.Bias]);
        Assert.Equal(-0.56, RiskCoefficients.Default.With((int)RiskTerm.Bias, 1.5)[RiskTerm.Vouched]);
    }

    [Fact]
    public void BuildFindings_TheOptionsModel_IsTheOneScored()
    {
        var traffic = new TrafficBuilder().Campaign("lab", 12, 40, 3).Casual(150, 4, 3);
        var builtIn = EngineRun.Run(traffic);
        Assert.Equal(12, builtIn.Accounts.Count);

        // A model that gives shared cards nothing lists no shared_payment reason and scores the accounts lower.
        var noCards = RiskCoefficients.Default.With((int)RiskTerm.Payment, 0);
        var refit = EngineRun.Run(traffic, options: new DetectionOptions { RiskModel = noCards });

        Assert.NotEmpty(refit.Accounts);
        Assert.All(refit.Accounts, a => Assert.DoesNotContain(a.Reasons, r => r.Signal == SignalNames.SharedPayment));
        Assert.Contains(builtIn.Accounts[0].Reasons, r => r.Signal == SignalNames.SharedPayment);
        Assert.True(refit.Accounts.Sum(a => a.Risk) < builtIn.Accounts.Sum(a => a.Risk));
        Assert.Null(builtIn.Input.RiskModel);
        Assert.Equal(noCards.Fingerprint, refit.Input.RiskModel);
    }

    [Fact]
    public void Fingerprint_SameValuesSameName_BuiltInValuesAreBuiltIn()
    {
        var copy = RiskCoefficients.Default.With((int)RiskTerm.Cot, RiskCoefficients.Default[RiskTerm.Cot]);
        var other = RiskCoefficients.Default.With((int)RiskTerm.Cot, 0.48);

        Assert.True(copy.IsBuiltIn);
        Assert.False(other.IsBuiltIn);
        Assert.Equal(RiskCoefficients.Default.Fingerprint, copy.Fingerprint);
        Assert.NotEqual(RiskCoefficients.Default.Fingerprint, other.Fingerprint);
        Assert.Matches("^sha256:[0-9a-f]{16}$", other.Fingerprint);
    }
}
