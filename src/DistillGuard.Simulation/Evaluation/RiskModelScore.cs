using DistillGuard.Core.Engine;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>How a risk model does on labelled model inputs at the review risk, the behaviour-only cap applied as the engine applies it.</summary>
/// <param name="Flagged">Accounts at or above the review risk.</param>
/// <param name="CampaignFlagged">Of them, campaign accounts.</param>
/// <param name="Campaign">Labelled campaign accounts.</param>
/// <param name="HonestFlagged">Honest accounts at or above the review risk.</param>
/// <param name="Honest">Labelled honest accounts.</param>
/// <param name="HighestHonestRisk">The riskiest honest account's risk: how close honest traffic comes.</param>
/// <param name="MeanLogLoss">Mean log-loss of the uncapped probabilities (lower is better).</param>
public sealed record RiskModelScore(int Flagged, int CampaignFlagged, int Campaign, int HonestFlagged, int Honest, double HighestHonestRisk, double MeanLogLoss)
{
    public double Precision => Flagged == 0 ? 1 : (double)CampaignFlagged / Flagged;

    public double Recall => Campaign == 0 ? 0 : (double)CampaignFlagged / Campaign;

    public static RiskModelScore Of(IReadOnlyList<ModelInputsRow> rows, IReadOnlyList<bool> campaign, RiskCoefficients model, double reviewRisk) =>
        Of(rows, campaign, _ => model, reviewRisk);

    /// <summary>
    /// Scores each row with the model <paramref name="modelOf"/> gives for its index (a cross-validation's held-out
    /// fold), writing each row's risk to <paramref name="risks"/> when given.
    /// </summary>
    public static RiskModelScore Of(IReadOnlyList<ModelInputsRow> rows, IReadOnlyList<bool> campaign, Func<int, RiskCoefficients> modelOf, double reviewRisk, double[]? risks = null)
    {
        int flagged = 0, campaignFlagged = 0, campaigns = 0, honestFlagged = 0;
        double highestHonest = 0, loss = 0;
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var model = modelOf(i);
            var z = model.Logit(r.Inputs, r.Exchanges, r.SizeFactor);
            loss += RiskModelFitter.LogLoss(z, campaign[i] ? 1 : 0);
            var risk = RiskCoefficients.RiskOf(z, r.Inputs, r.SizeFactor, reviewRisk);
            if (risks is not null)
            {
                risks[i] = risk;
            }

            var isFlagged = risk >= reviewRisk;
            flagged += isFlagged ? 1 : 0;
            if (campaign[i])
            {
                campaigns++;
                campaignFlagged += isFlagged ? 1 : 0;
            }
            else
            {
                honestFlagged += isFlagged ? 1 : 0;
                highestHonest = Math.Max(highestHonest, risk);
            }
        }

        return new RiskModelScore(flagged, campaignFlagged, campaigns, honestFlagged, rows.Count - campaigns, highestHonest, rows.Count == 0 ? 0 : loss / rows.Count);
    }
}
