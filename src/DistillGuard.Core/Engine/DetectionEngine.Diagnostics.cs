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
    public void WriteModelInputs(TextWriter writer)
    {
        writer.WriteLine("account_id,exchanges,behaviour,templated,cot,single_turn,targeted,hosting,young,unverified,regular,around_the_clock,output_heavy,network_diversity,vouched,active,size_factor,w_payment,w_block,w_client,w_template,w_email,creation,synchrony,turn_taking,pivot,mean_behaviour,risk");
        Span<double> inputs = stackalloc double[RiskCoefficients.Count];
        var line = new StringBuilder();
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

            line.Append(CultureInfo.InvariantCulture, $",{a.Risk:0.####}");
            writer.WriteLine(line);
        }
    }
}
