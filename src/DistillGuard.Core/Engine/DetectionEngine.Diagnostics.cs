using System.Globalization;

namespace DistillGuard.Core.Engine;

public sealed partial class DetectionEngine
{
    /// <summary>The campaign the engine currently places an account in (what its published status should say).</summary>
    internal string? CampaignOf(string accountId) => _byId.TryGetValue(accountId, out var account) ? account.CampaignId : null;

    /// <summary>
    /// Writes each active account's risk and the model inputs it came from as CSV, one row per account with traffic
    /// in the order accounts were first seen: what a calibration refit reads (docs/detection.md) and what
    /// <c>evaluate --model-inputs</c> reads honest accounts' margins from. Call after <see cref="BuildFindings"/>.
    /// </summary>
    public void WriteModelInputs(TextWriter writer)
    {
        writer.WriteLine("account_id,exchanges,behaviour,templated,cot,single_turn,targeted,hosting,young,unverified,regular,around_the_clock,output_heavy,network_diversity,vouched,active,size_factor,w_payment,w_block,w_client,w_template,w_email,creation,synchrony,turn_taking,pivot,mean_behaviour,risk");
        foreach (var a in _accounts)
        {
            if (a.Exchanges == 0)
            {
                continue;
            }

            var s = a.Score;
            var c = a.Cluster >= 0 ? _clusters[a.Cluster] : null;
            var w = a.LinkWeights;
            writer.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"{a.Id},{a.Exchanges},{s.Behaviour:0.####},{s.Templated:0.####},{s.Cot:0.####},{s.SingleTurn:0.####},{s.TargetedCapability:0.####},{s.Hosting:0.####},{s.Young:0.####},{s.Unverified:0.####},{s.Regular:0.####},{s.AroundTheClock:0.####},{s.OutputHeavy:0.####},{s.NetworkDiversity:0.####},{s.Vouched:0.####},{c?.Active ?? 1},{RiskModel.SizeFactor(c?.Active ?? 1):0.####},{w[0]:0.####},{w[1]:0.####},{w[2]:0.####},{w[3]:0.####},{w[4]:0.####},{c?.CreationBurst ?? 0:0.####},{c?.Synchrony ?? 0:0.####},{c?.TurnTaking ?? 0:0.####},{c?.Pivot ?? 0:0.####},{c?.MeanBehaviour ?? 0:0.####},{a.Risk:0.####}"));
        }
    }
}
