using System.Globalization;
using System.Text;

namespace DistillGuard.Core.Engine;

public sealed partial class DetectionEngine
{
    /// <summary>The campaign the engine currently places an account in (what its published status should say).</summary>
    internal string? CampaignOf(string accountId) => _byId.TryGetValue(accountId, out var account) ? account.CampaignId : null;

    /// <summary>
    /// Writes each active account's risk and the model inputs it came from as CSV, one row per account with traffic
    /// in the order accounts were first seen: what a calibration refit reads (docs/detection.md) and what
    /// <c>evaluate --model-inputs</c> reads honest accounts' margins from. The model's inputs carry their coefficients'
    /// names (<see cref="RiskCoefficients.Names"/>); <c>behaviour</c>, <c>active</c>, <c>size_factor</c> and <c>risk</c> are
    /// context. Call after <see cref="BuildFindings"/>.
    /// </summary>
    public void WriteModelInputs(TextWriter writer) => WriteModelInputs(writer, null, header: true);

    /// <summary>
    /// The same rows as <see cref="WriteModelInputs(TextWriter)"/> as the engine stands now, each ending with an
    /// <c>at</c> column (<paramref name="at"/>, UTC to the second): a snapshot of what the engine decided on at that log
    /// time, for a refit on what a gateway saw then (<c>scan --model-inputs-every</c>). Call it from
    /// <see cref="Evaluated"/> or after <see cref="BuildFindings"/>; <paramref name="header"/> for the file's first.
    /// </summary>
    public void WriteModelInputs(TextWriter writer, DateTime at, bool header) => WriteModelInputs(writer, (DateTime?)at, header);

    private void WriteModelInputs(TextWriter writer, DateTime? at, bool header)
    {
        var line = new StringBuilder();
        if (header)
        {
            // The columns of the model's inputs are its coefficients' names, with the context columns between and around them.
            var names = RiskCoefficients.Names;
            line.Append("account_id,exchanges,behaviour");
            for (var i = (int)RiskTerm.Templated; i < RiskCoefficients.Count; i++)
            {
                line.Append(i == (int)RiskTerm.Payment ? ",active,size_factor," : ",").Append(names[i]);
            }

            writer.WriteLine(line.Append(at is null ? ",risk" : ",risk,at"));
        }

        var stamp = at is { } time ? "," + time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) : string.Empty;
        Span<double> inputs = stackalloc double[RiskCoefficients.Count];
        foreach (var a in _accounts)
        {
            if (a.Exchanges == 0)
            {
                continue;
            }

            var c = a.Cluster >= 0 ? _clusters[a.Cluster] : null;
            RiskModel.Inputs(a, c, inputs);
            line.Clear();
            line.Append(CultureInfo.InvariantCulture, $"{a.Id},{a.Exchanges},{a.Score.Behaviour:0.####}");
            for (var i = (int)RiskTerm.Templated; i < (int)RiskTerm.Payment; i++)
            {
                line.Append(CultureInfo.InvariantCulture, $",{inputs[i]:0.####}");
            }

            line.Append(CultureInfo.InvariantCulture, $",{c?.Active ?? 1},{RiskModel.SizeFactor(c?.Active ?? 1):0.####}");
            for (var i = (int)RiskTerm.Payment; i < RiskCoefficients.Count; i++)
            {
                line.Append(CultureInfo.InvariantCulture, $",{inputs[i]:0.####}");
            }

            line.Append(CultureInfo.InvariantCulture, $",{a.Risk:0.####}").Append(stamp);
            writer.WriteLine(line);
        }
    }
}
