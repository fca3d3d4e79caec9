using DistillGuard.Simulation.Campaigns;
using DistillGuard.Simulation.Honest;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Simulation.Generation;

/// <summary>Resolves a scenario definition for a seed, scale and length into accounts and actors.</summary>
internal static class ScenarioPlanner
{
    public static ScenarioPlan Plan(ScenarioDefinition definition, SimulationOptions options)
    {
        var start = DateTime.SpecifyKind(definition.Start, DateTimeKind.Utc);
        var end = start.AddDays(options.Days ?? definition.Days);
        var newRelease = definition.Models
            .Where(m => m.ReleasedAt > start && m.ReleasedAt < end)
            .OrderBy(m => m.ReleasedAt)
            .LastOrDefault();
        var plan = new ScenarioPlan
        {
            Definition = definition,
            Seed = options.Seed,
            Scale = options.Scale,
            Start = start,
            End = end,
            Models = definition.Models,
            NewRelease = newRelease,
        };

        HonestPopulationBuilder.Build(plan);
        var order = plan.Actors.Count;
        for (var i = 0; i < definition.Campaigns.Count; i++)
        {
            var tactics = definition.Campaigns[i];
            var campaignEnd = tactics.Start.AddDays(tactics.DurationDays);
            if (tactics.Start >= end || campaignEnd <= start)
            {
                // Outside the (possibly shortened) window: the campaign still exists but sends nothing.
                tactics = tactics with { DurationDays = 0 };
            }

            CampaignBuilder.Build(plan, i, tactics, order++);
        }

        return plan;
    }
}
