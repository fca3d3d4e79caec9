using DistillGuard.Simulation.Campaigns;
using DistillGuard.Simulation.Generation;

namespace DistillGuard.Simulation.Tests.Campaigns;

public sealed class OperatorInfrastructureTests
{
    private static (HashSet<string> Payments, HashSet<string> Ips, HashSet<string> Clients) Infrastructure(string scenario, SimulationOptions options, string campaign)
    {
        var run = ScenarioRun.Create(scenario, options);
        var ips = new HashSet<string>(StringComparer.Ordinal);
        foreach (var x in run.Exchanges())
        {
            if (x.Label == campaign && x.Exchange.AsnType == Core.Log.AsnType.Hosting)
            {
                ips.Add(x.Exchange.Ip!);
            }
        }

        var truth = run.BuildTruth().Campaigns.Single(c => c.Name == campaign);
        return ([.. truth.PaymentFingerprints], ips, [.. truth.ClientFingerprints]);
    }

    [Fact]
    public void SameOperator_DifferentScenariosAndSeeds_SameInfrastructure()
    {
        var inDefault = Infrastructure("default", new SimulationOptions { Seed = 1, Scale = 0.1 }, CampaignPresets.MiniMax);
        var inPreset = Infrastructure(CampaignPresets.MiniMax, new SimulationOptions { Seed = 99, Scale = 0.002, Days = 12 }, CampaignPresets.MiniMax);

        Assert.NotEmpty(inDefault.Payments.Intersect(inPreset.Payments));
        Assert.NotEmpty(inDefault.Ips.Intersect(inPreset.Ips));
        Assert.NotEmpty(inDefault.Clients.Intersect(inPreset.Clients));
    }

    [Fact]
    public void DifferentOperators_DoNotShareInfrastructure()
    {
        var minimax = Infrastructure("default", new SimulationOptions { Seed = 1, Scale = 0.1 }, CampaignPresets.MiniMax);
        var qwen = Infrastructure("default", new SimulationOptions { Seed = 1, Scale = 0.1 }, CampaignPresets.Qwen);

        Assert.Empty(minimax.Payments.Intersect(qwen.Payments));
        Assert.Empty(minimax.Ips.Intersect(qwen.Ips));
    }
}
