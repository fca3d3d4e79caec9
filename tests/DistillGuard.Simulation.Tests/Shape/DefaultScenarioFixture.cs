namespace DistillGuard.Simulation.Tests.Shape;

/// <summary>The default scenario at scale 1, generated once for all shape tests.</summary>
public sealed class DefaultScenarioFixture
{
    public DefaultScenarioFixture() => Observation = ScenarioObservation.Generate("default", new SimulationOptions { Seed = 11 });

    internal ScenarioObservation Observation { get; }
}
