using DistillGuard.Core.Engine;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// Refits the risk model's coefficients on labelled accounts: L2-regularised logistic regression (the bias not
/// penalised) on the model-inputs file's rows, each input scaled as the engine scales it (behaviour by the account's
/// shrink, coordination by its cluster's size factor), so the fitted logit is the one <see cref="RiskCoefficients.Risk"/>
/// computes. Coefficients that would come out with a sign the engine refuses (<see cref="RiskCoefficients.Check"/>) are
/// held at 0 one at a time, the worst first, and the rest refitted. Newton's method with step halving: the same rows
/// and labels give the same coefficients, bit for bit.
/// </summary>
public static class RiskModelFitter
{
    private const int MaxIterations = 200;
    private const double Converged = 1e-10;

    /// <param name="rows">Labelled accounts' model inputs.</param>
    /// <param name="campaign">For each row, whether the account belongs to a campaign.</param>
    /// <param name="l2">The ridge penalty on every coefficient but the bias, above 0 (1 by default in <c>calibrate</c>).</param>
    /// <exception cref="ArgumentException">Labels of another length, only one class, or a penalty not above 0.</exception>
    public static RiskModelFit Fit(IReadOnlyList<ModelInputsRow> rows, IReadOnlyList<bool> campaign, double l2)
    {
        if (rows.Count != campaign.Count)
        {
            throw new ArgumentException("One label per row.", nameof(campaign));
        }

        if (!(l2 > 0) || !double.IsFinite(l2))
        {
            // Without a penalty an input that never varies leaves its coefficient undetermined, and separable labels
            // send the others to infinity.
            throw new ArgumentException("The L2 penalty must be a finite number above 0.", nameof(l2));
        }

        var positives = campaign.Count(static c => c);
        if (positives == 0 || positives == rows.Count)
        {
            throw new ArgumentException($"A fit needs both campaign and honest accounts; the labelled rows hold {positives:N0} campaign and {rows.Count - positives:N0} honest.");
        }

        var d = RiskCoefficients.Count;
        var x = Design(rows);
        var y = campaign.Select(static c => c ? 1.0 : 0.0).ToArray();
        var beta = new double[d];
        var free = Enumerable.Repeat(true, d).ToArray();
        var held = new List<string>();
        var iterations = 0;
        while (true)
        {
            iterations += Newton(x, y, beta, free, l2);
            var worst = -1;
            double worstBy = 0;
            for (var j = 1; j < d; j++)
            {
                var by = j == (int)RiskTerm.Vouched ? beta[j] : -beta[j];
                if (free[j] && by > worstBy)
                {
                    worst = j;
                    worstBy = by;
                }
            }

            if (worst < 0)
            {
                break;
            }

            free[worst] = false;
            beta[worst] = 0;
            held.Add(RiskCoefficients.Names[worst]);
        }

        return new RiskModelFit(new RiskCoefficients(beta), iterations, held);
    }

    /// <summary>Each row's inputs as the engine weighs them: behaviour × shrink, coordination × size factor, bias 1.</summary>
    private static double[][] Design(IReadOnlyList<ModelInputsRow> rows)
    {
        var x = new double[rows.Count][];
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            var shrink = RiskCoefficients.Shrink(r.Exchanges);
            var xi = new double[RiskCoefficients.Count];
            xi[0] = 1;
            for (var j = 1; j < xi.Length; j++)
            {
                xi[j] = (RiskCoefficients.IsBehaviour(j) ? shrink : r.SizeFactor) * r.Inputs[j];
            }

            x[i] = xi;
        }

        return x;
    }

    /// <summary>Minimises the penalised log-loss over the free coefficients from <paramref name="beta"/>; returns the iterations taken.</summary>
    private static int Newton(double[][] x, double[] y, double[] beta, bool[] free, double l2)
    {
        var d = beta.Length;
        var index = Enumerable.Range(0, d).Where(j => free[j]).ToArray();
        var m = index.Length;
        var gradient = new double[m];
        var hessian = new double[m, m];
        var step = new double[m];
        var trial = new double[d];
        var loss = Penalised(x, y, beta, free, l2);
        for (var iteration = 1; iteration <= MaxIterations; iteration++)
        {
            Array.Clear(gradient);
            Array.Clear(hessian);
            for (var i = 0; i < x.Length; i++)
            {
                var xi = x[i];
                var p = Sigmoid(Dot(xi, beta));
                var residual = p - y[i];
                var w = p * (1 - p);
                for (var a = 0; a < m; a++)
                {
                    var xa = xi[index[a]];
                    gradient[a] += residual * xa;
                    for (var b = 0; b <= a; b++)
                    {
                        hessian[a, b] += w * xa * xi[index[b]];
                    }
                }
            }

            for (var a = 0; a < m; a++)
            {
                // The bias is not penalised; a tiny ridge keeps its row solvable when every probability saturates.
                var ridge = index[a] == 0 ? 1e-9 : l2;
                gradient[a] += index[a] == 0 ? 0 : l2 * beta[index[a]];
                hessian[a, a] += ridge;
                for (var b = 0; b < a; b++)
                {
                    hessian[b, a] = hessian[a, b];
                }
            }

            Cholesky.Solve(hessian, gradient, step);
            var scale = 1.0;
            double next;
            while (true)
            {
                Array.Copy(beta, trial, d);
                for (var a = 0; a < m; a++)
                {
                    trial[index[a]] -= scale * step[a];
                }

                next = Penalised(x, y, trial, free, l2);
                if (next <= loss || scale < 1e-6)
                {
                    break;
                }

                scale /= 2;
            }

            var moved = 0.0;
            for (var a = 0; a < m; a++)
            {
                moved = Math.Max(moved, Math.Abs(trial[index[a]] - beta[index[a]]));
            }

            Array.Copy(trial, beta, d);
            loss = next;
            if (moved < Converged)
            {
                return iteration;
            }
        }

        return MaxIterations;
    }

    /// <summary>The log-loss of logit <paramref name="z"/> for label <paramref name="y"/> (1 campaign, 0 honest): log(1 + e^z) − y z, without overflow for large |z|.</summary>
    internal static double LogLoss(double z, double y) => Math.Max(z, 0) + Math.Log(1 + Math.Exp(-Math.Abs(z))) - (y * z);

    private static double Penalised(double[][] x, double[] y, double[] beta, bool[] free, double l2)
    {
        double loss = 0;
        for (var i = 0; i < x.Length; i++)
        {
            loss += LogLoss(Dot(x[i], beta), y[i]);
        }

        for (var j = 1; j < beta.Length; j++)
        {
            if (free[j])
            {
                loss += 0.5 * l2 * beta[j] * beta[j];
            }
        }

        return loss;
    }

    private static double Dot(double[] a, double[] b)
    {
        double sum = 0;
        for (var j = 0; j < a.Length; j++)
        {
            sum += a[j] * b[j];
        }

        return sum;
    }

    private static double Sigmoid(double z) => 1 / (1 + Math.Exp(-z));
}
