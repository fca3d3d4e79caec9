using DistillGuard.Core.Engine;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// k-fold cross-validation of a refit: each account is scored by a model fitted without its fold. Folds are drawn by
/// a stable hash of each account's fold key — its campaign where the labels name one, else its id — so a campaign's
/// accounts are held out together and the figures say how a refit does on a campaign it was not fitted on, not on
/// more accounts of one it was.
/// </summary>
public static class RiskModelCrossValidation
{
    /// <returns>
    /// The held-out score and each row's held-out risk, or null with <paramref name="why"/> when a fold's training
    /// accounts hold one class only.
    /// </returns>
    public static HeldOut? Run(IReadOnlyList<ModelInputsRow> rows, IReadOnlyList<bool> campaign, IReadOnlyList<string> foldKeys, int folds, double l2, double reviewRisk, out string? why)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(folds, 2);
        var fold = foldKeys.Select(k => (int)(Fnv1a(k) % (ulong)folds)).ToArray();
        var modelOf = new RiskCoefficients[rows.Count];
        for (var f = 0; f < folds; f++)
        {
            var train = new List<ModelInputsRow>();
            var labels = new List<bool>();
            for (var i = 0; i < rows.Count; i++)
            {
                if (fold[i] != f)
                {
                    train.Add(rows[i]);
                    labels.Add(campaign[i]);
                }
            }

            var positives = labels.Count(static c => c);
            if (positives == 0 || positives == labels.Count)
            {
                why = $"without fold {f + 1} of {folds} the labelled accounts hold {positives:N0} campaign and {labels.Count - positives:N0} honest accounts";
                return null;
            }

            var model = RiskModelFitter.Fit(train, labels, l2).Coefficients;
            for (var i = 0; i < rows.Count; i++)
            {
                if (fold[i] == f)
                {
                    modelOf[i] = model;
                }
            }
        }

        why = null;
        var risks = new double[rows.Count];
        var score = RiskModelScore.Of(rows, campaign, i => modelOf[i], reviewRisk, risks);
        return new HeldOut(score, risks);
    }

    /// <summary>A cross-validation's outcome: the score over every held-out row, and each row's held-out risk.</summary>
    public sealed record HeldOut(RiskModelScore Score, IReadOnlyList<double> Risks);

    private static ulong Fnv1a(string key)
    {
        var hash = 14695981039346656037ul;
        foreach (var c in key)
        {
            hash = (hash ^ c) * 1099511628211ul;
        }

        return hash;
    }
}
