using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace DistillGuard.Core.Engine;

/// <summary>
/// The coefficients of the logistic risk model (<see cref="RiskModel"/>): a bias, one per behaviour component and
/// one per coordination input. Each is named after its column in the model-inputs file <c>scan --model-inputs</c>
/// writes, so a refit (<c>distillguard calibrate</c>) reads inputs and writes coefficients under the same names.
/// <see cref="Default"/> is the fit on the simulator's <c>default</c> scenario (docs/detection.md, "Calibration").
/// </summary>
public sealed class RiskCoefficients
{
    private const int Bias = (int)RiskTerm.Bias;

    /// <summary>The behaviour components come before it, each shrunk by n / (n + 4) for n exchanges; coordination from it on.</summary>
    private const int CoordinationStart = (int)RiskTerm.Payment;

    /// <summary>Every coefficient's name, in the model-inputs file's column order.</summary>
    public static IReadOnlyList<string> Names { get; } =
    [
        "bias",
        "templated", "cot", "single_turn", "targeted", "hosting", "young", "unverified", "regular", "around_the_clock",
        "output_heavy", "network_diversity", "vouched",
        "w_payment", "w_block", "w_client", "w_template", "w_email", "creation", "synchrony", "turn_taking", "pivot",
        "mean_behaviour",
    ];

    /// <summary>How many coefficients the model has (the bias included).</summary>
    public static int Count => Names.Count;

    /// <summary>
    /// The built-in model: L2-regularised logistic regression on the <c>default</c> scenario, seed 1, coefficients that
    /// must not lower risk clamped at 0; <c>w_email</c> set by a margin, not fitted (docs/detection.md).
    /// </summary>
    public static RiskCoefficients Default { get; } = new(
    [
        -4.09,
        0.0, 0.47, 0.85, 0.11, 0.80, 1.33, 0.40, 0.36, 0.47, 0.47, 0.82, -0.56,
        2.56, 0.61, 0.04, 0.0, 1.5, 0.57, 0.0, 0.0, 0.01, 0.71,
    ]);

    private readonly double[] _values;
    private string? _fingerprint;

    /// <summary>Coefficients in <see cref="Names"/> order.</summary>
    /// <exception cref="ArgumentException">Not <see cref="Count"/> values, or one breaks <see cref="Check"/>.</exception>
    public RiskCoefficients(ReadOnlySpan<double> values)
    {
        if (values.Length != Count)
        {
            throw new ArgumentException($"A risk model has {Count} coefficients, not {values.Length}.", nameof(values));
        }

        for (var i = 0; i < values.Length; i++)
        {
            Check(i, values[i]);
        }

        _values = values.ToArray();
    }

    public double this[int index] => _values[index];

    public double this[RiskTerm term] => _values[(int)term];

    /// <summary>Whether these are the built-in coefficients, value for value (from a file or not).</summary>
    public bool IsBuiltIn => _values.AsSpan().SequenceEqual(Default._values);

    /// <summary>
    /// A short name for these coefficients that findings carry: <c>sha256:</c> and the first 16 hex digits of the
    /// SHA-256 of their values (round-trip text, comma-separated, in <see cref="Names"/> order). Two scans scored with
    /// the same coefficients name the same model, wherever the file was.
    /// </summary>
    public string Fingerprint => _fingerprint ??= ComputeFingerprint(_values);

    /// <summary>The coefficient of an account's own strongest link of this kind.</summary>
    internal double Link(AttributeKind kind) => _values[CoordinationStart + (int)kind];

    /// <summary>Whether the coefficient scores a behaviour component (shrunk by the account's exchanges) rather than the bias or coordination.</summary>
    public static bool IsBehaviour(int index) => index is > Bias and < CoordinationStart;

    /// <summary>The index of a coefficient's name, or -1.</summary>
    public static int IndexOf(string name)
    {
        for (var i = 0; i < Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>These coefficients with one changed.</summary>
    public RiskCoefficients With(int index, double value)
    {
        var values = _values.ToArray();
        values[index] = value;
        return new RiskCoefficients(values);
    }

    /// <summary>How much of an account's behaviour counts after n exchanges: n / (n + 4), so a handful of exchanges cannot flag.</summary>
    public static double Shrink(long exchanges) => exchanges / (exchanges + 4.0);

    /// <summary>
    /// The risk logit of an account with these raw inputs (<paramref name="inputs"/>[i] is <see cref="Names"/>[i]'s; the
    /// bias slot is ignored): bias + shrink × behaviour + size × coordination, summed in that order so the same inputs
    /// give the same bits in the engine and in a refit.
    /// </summary>
    public double Logit(ReadOnlySpan<double> inputs, long exchanges, double sizeFactor)
    {
        double behaviour = 0;
        for (var i = Bias + 1; i < CoordinationStart; i++)
        {
            behaviour += _values[i] * inputs[i];
        }

        var z = _values[Bias] + (Shrink(exchanges) * behaviour);
        if (sizeFactor > 0)
        {
            double coordination = 0;
            for (var i = CoordinationStart; i < Count; i++)
            {
                coordination += _values[i] * inputs[i];
            }

            z += sizeFactor * coordination;
        }

        return z;
    }

    /// <summary>
    /// The risk of an account with these raw inputs: the logistic of <see cref="Logit"/>. Behaviour alone never flags:
    /// unless the account is in a linked group of at least three (<paramref name="sizeFactor"/> above 0) and holds a
    /// link other than a client fingerprint (<see cref="HoldsMoreThanAClient"/>), its risk stays just under
    /// <paramref name="reviewRisk"/>.
    /// </summary>
    public double Risk(ReadOnlySpan<double> inputs, long exchanges, double sizeFactor, double reviewRisk) =>
        RiskOf(Logit(inputs, exchanges, sizeFactor), inputs, sizeFactor, reviewRisk);

    /// <summary>The risk <paramref name="logit"/> gives an account with these inputs, capped as <see cref="Risk"/> caps it.</summary>
    public static double RiskOf(double logit, ReadOnlySpan<double> inputs, double sizeFactor, double reviewRisk)
    {
        var risk = 1 / (1 + Math.Exp(-logit));
        return sizeFactor > 0 && HoldsMoreThanAClient(inputs) ? risk : Math.Min(risk, reviewRisk - 0.01);
    }

    /// <summary>
    /// Whether the account's own link weights (<paramref name="inputs"/> in <see cref="Names"/> order; a link marks its
    /// holders only at a weight above 0) hold a link other than a client fingerprint. The pool joins accounts through
    /// any attribute they share, and an SDK build is shared by strangers (its coefficient is near 0): an app backend
    /// whose behaviour alone reads as a harvester's must not be flagged for being pooled with two others on one SDK.
    /// On the simulated scenarios no campaign account's only link is a client fingerprint; about 300 honest ones' is.
    /// </summary>
    public static bool HoldsMoreThanAClient(ReadOnlySpan<double> inputs)
    {
        for (var i = CoordinationStart; i <= (int)RiskTerm.EmailDomain; i++)
        {
            if (i != (int)RiskTerm.ClientFingerprint && inputs[i] > 0)
            {
                return true;
            }
        }

        return false;
    }

    private static string ComputeFingerprint(double[] values)
    {
        var text = string.Join(',', values.Select(static v => v.ToString("R", CultureInfo.InvariantCulture)));
        return "sha256:" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];
    }

    /// <summary>
    /// Throws <see cref="ArgumentException"/> naming the coefficient when <paramref name="value"/> cannot be it: every
    /// coefficient must be finite; only the bias may take either sign, <c>vouched</c> must not raise risk, and every
    /// other must not lower it (a shared card or a creation burst that made an account look more honest would let a
    /// campaign buy its way under review).
    /// </summary>
    public static void Check(int index, double value)
    {
        var name = Names[index];
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"{name}: {value.ToString(CultureInfo.InvariantCulture)} is not a finite number");
        }

        if (index == (int)RiskTerm.Vouched ? value > 0 : index != Bias && value < 0)
        {
            throw new ArgumentException(index == (int)RiskTerm.Vouched
                ? $"{name}: {value.ToString(CultureInfo.InvariantCulture)} would raise risk; it must be 0 or negative"
                : $"{name}: {value.ToString(CultureInfo.InvariantCulture)} would lower risk; it must be 0 or positive");
        }
    }
}
