namespace DistillGuard.Simulation.Campaigns;

/// <summary>How a campaign's job queue hands prompts to its accounts.</summary>
public enum DispatchMode
{
    /// <summary>Strict rotation over the live accounts: the load-balancer timing signature.</summary>
    RoundRobin,

    /// <summary>Each prompt goes to a uniformly random live account (a worker pool pulling from one queue).</summary>
    Random,
}
