using DistillGuard.Core.Engine;
using DistillGuard.Simulation.Evaluation;

namespace DistillGuard.Simulation.Tests.Evaluation;

public sealed class RiskModelFitterTests
{
    [Fact]
    public void Fit_LabelsDrawnFromAKnownModel_RecoversItsCoefficients()
    {
        var truth = RiskCoefficients.Default.With((int)RiskTerm.Bias, -2.0).With((int)RiskTerm.Cot, 1.5)
            .With((int)RiskTerm.Young, 2.0).With((int)RiskTerm.Payment, 3.0).With((int)RiskTerm.Vouched, -1.0);
        var (rows, labels) = Draw(truth, 20_000, seed: 7);

        var fit = RiskModelFitter.Fit(rows, labels, l2: 0.01);

        Assert.Equal(-2.0, fit.Coefficients[RiskTerm.Bias], 0.5);
        Assert.Equal(1.5, fit.Coefficients[RiskTerm.Cot], 0.4);
        Assert.Equal(2.0, fit.Coefficients[RiskTerm.Young], 0.4);
        Assert.Equal(3.0, fit.Coefficients[RiskTerm.Payment], 0.5);
        Assert.Equal(-1.0, fit.Coefficients[RiskTerm.Vouched], 0.4);
        Assert.True(RiskModelScore.Of(rows, labels, fit.Coefficients, 0.5).MeanLogLoss < RiskModelScore.Of(rows, labels, RiskCoefficients.Default, 0.5).MeanLogLoss);
    }

    [Fact]
    public void Fit_AnInputThatMarksHonestAccounts_IsHeldAtZeroNotMadeNegative()
    {
        // Campaign accounts here never run around the clock: a free fit would give around_the_clock a negative weight,
        // which would let a campaign lower its risk by spreading its traffic.
        var truth = RiskCoefficients.Default.With((int)RiskTerm.Bias, -2.0);
        var (rows, labels) = Draw(truth, 5_000, seed: 11);
        for (var i = 0; i < rows.Count; i++)
        {
            rows[i].Inputs[(int)RiskTerm.AroundTheClock] = labels[i] ? 0 : 1;
        }

        var fit = RiskModelFitter.Fit(rows, labels, l2: 1);

        Assert.Contains("around_the_clock", fit.HeldAtZero);
        Assert.Equal(0, fit.Coefficients[RiskTerm.AroundTheClock]);
        Assert.All(Enumerable.Range(1, RiskCoefficients.Count - 1), i => RiskCoefficients.Check(i, fit.Coefficients[i]));
    }

    [Fact]
    public void Fit_TheSameRowsTwice_TheSameBits()
    {
        var (rows, labels) = Draw(RiskCoefficients.Default, 3_000, seed: 3);

        var first = RiskModelFitter.Fit(rows, labels, l2: 1);
        var second = RiskModelFitter.Fit(rows, labels, l2: 1);

        Assert.All(Enumerable.Range(0, RiskCoefficients.Count), i => Assert.Equal(BitConverter.DoubleToInt64Bits(first.Coefficients[i]), BitConverter.DoubleToInt64Bits(second.Coefficients[i])));
    }

    [Fact]
    public void Fit_OneClassOnly_IsRefused()
    {
        var (rows, _) = Draw(RiskCoefficients.Default, 50, seed: 1);

        var error = Assert.Throws<ArgumentException>(() => RiskModelFitter.Fit(rows, rows.Select(_ => false).ToList(), 1));

        Assert.Contains("both campaign and honest accounts", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void Fit_APenaltyNotAboveZero_IsRefused(double l2)
    {
        var (rows, labels) = Draw(RiskCoefficients.Default, 200, seed: 2);

        var error = Assert.Throws<ArgumentException>(() => RiskModelFitter.Fit(rows, labels, l2));

        Assert.Contains("above 0", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CrossValidation_HeldOutFolds_ScoreEveryRowOnceAndNoBetterThanInSample()
    {
        var truth = RiskCoefficients.Default.With((int)RiskTerm.Bias, -2.0).With((int)RiskTerm.Payment, 3.0);
        var (rows, labels) = Draw(truth, 4_000, seed: 5);
        var keys = rows.Select(r => r.AccountId).ToList();

        var held = RiskModelCrossValidation.Run(rows, labels, keys, folds: 5, l2: 1, reviewRisk: 0.5, out var why);
        var again = RiskModelCrossValidation.Run(rows, labels, keys, folds: 5, l2: 1, reviewRisk: 0.5, out _);
        var inSample = RiskModelScore.Of(rows, labels, RiskModelFitter.Fit(rows, labels, 1).Coefficients, 0.5);

        Assert.Null(why);
        Assert.NotNull(held);
        Assert.NotNull(again);
        var score = held.Score;
        Assert.Equal(rows.Count, score.Campaign + score.Honest);
        Assert.Equal(labels.Count(static l => l), score.Campaign);
        Assert.Equal(score.Flagged, held.Risks.Count(static r => r >= 0.5));
        Assert.True(score.MeanLogLoss >= inSample.MeanLogLoss, $"held out {score.MeanLogLoss}, in sample {inSample.MeanLogLoss}");
        Assert.True(score.MeanLogLoss < inSample.MeanLogLoss * 1.2, $"held out {score.MeanLogLoss}, in sample {inSample.MeanLogLoss}");
        Assert.Equal(score, again.Score);
        Assert.Equal(held.Risks, again.Risks);
    }

    [Fact]
    public void CrossValidation_EveryCampaignAccountInOneFold_SaysWhyItCannot()
    {
        var (rows, labels) = Draw(RiskCoefficients.Default, 500, seed: 9);
        // One campaign: held out together, its fold's complement has no campaign account to fit on.
        var keys = rows.Select((r, i) => labels[i] ? "the-only-campaign" : r.AccountId).ToList();

        var held = RiskModelCrossValidation.Run(rows, labels, keys, folds: 5, l2: 1, reviewRisk: 0.5, out var why);

        Assert.Null(held);
        Assert.Contains("hold 0 campaign and", why, StringComparison.Ordinal);
    }

    [Fact]
    public void Score_AppliesTheBehaviourOnlyCap()
    {
        // Risky behaviour, but in no linked group: capped under review, as the engine caps it.
        var inputs = new double[RiskCoefficients.Count];
        Array.Fill(inputs, 1.0);
        inputs[(int)RiskTerm.Vouched] = 0;
        var lone = new ModelInputsRow("lone", 500, 0, inputs, 0.49);
        var linked = lone with { AccountId = "linked", SizeFactor = 1 };

        var score = RiskModelScore.Of([lone, linked], [true, true], RiskCoefficients.Default, 0.5);

        Assert.Equal(1, score.Flagged);
        Assert.Equal(0.5, score.Recall);
    }

    /// <summary>Rows with random inputs in [0, 1] and labels drawn from <paramref name="truth"/>'s probabilities.</summary>
    private static (List<ModelInputsRow> Rows, List<bool> Labels) Draw(RiskCoefficients truth, int count, int seed)
    {
        var random = new Random(seed);
        var rows = new List<ModelInputsRow>(count);
        var labels = new List<bool>(count);
        for (var i = 0; i < count; i++)
        {
            var inputs = new double[RiskCoefficients.Count];
            inputs[0] = 1;
            for (var j = 1; j < inputs.Length; j++)
            {
                inputs[j] = random.NextDouble() < 0.5 ? 0 : random.NextDouble();
            }

            var row = new ModelInputsRow($"a{i}", 1 + random.Next(400), random.Next(3) == 0 ? 0 : random.NextDouble(), inputs, 0);
            // A review risk over 1 lifts the behaviour-only cap: the labels follow the logistic model itself.
            var risk = truth.Risk(row.Inputs, row.Exchanges, row.SizeFactor, reviewRisk: 1.01);
            rows.Add(row);
            labels.Add(random.NextDouble() < risk);
        }

        return (rows, labels);
    }
}
