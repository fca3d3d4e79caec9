namespace DistillGuard.Simulation.Evaluation;

/// <summary>Solves A x = b for a small symmetric positive-definite A (a penalised Hessian) by Cholesky factorisation.</summary>
internal static class Cholesky
{
    /// <summary>Writes the solution to <paramref name="x"/>; <paramref name="a"/> and <paramref name="b"/> are left as they were.</summary>
    /// <exception cref="ArithmeticException">A is not positive definite.</exception>
    public static void Solve(double[,] a, double[] b, double[] x)
    {
        var n = b.Length;
        var l = new double[n, n];
        for (var i = 0; i < n; i++)
        {
            for (var j = 0; j <= i; j++)
            {
                var sum = a[i, j];
                for (var k = 0; k < j; k++)
                {
                    sum -= l[i, k] * l[j, k];
                }

                if (i == j)
                {
                    if (!(sum > 0))
                    {
                        throw new ArithmeticException("The system is not positive definite.");
                    }

                    l[i, i] = Math.Sqrt(sum);
                }
                else
                {
                    l[i, j] = sum / l[j, j];
                }
            }
        }

        // L z = b, then Lᵀ x = z.
        for (var i = 0; i < n; i++)
        {
            var sum = b[i];
            for (var k = 0; k < i; k++)
            {
                sum -= l[i, k] * x[k];
            }

            x[i] = sum / l[i, i];
        }

        for (var i = n - 1; i >= 0; i--)
        {
            var sum = x[i];
            for (var k = i + 1; k < n; k++)
            {
                sum -= l[k, i] * x[k];
            }

            x[i] = sum / l[i, i];
        }
    }
}
