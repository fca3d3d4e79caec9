namespace DistillGuard.Simulation.Truth;

/// <summary>One account's label and traffic.</summary>
public sealed class AccountTruth
{
    public string AccountId { get; set; } = string.Empty;

    /// <summary>Honest archetype (<see cref="Honest.HonestArchetypes"/>) or campaign name.</summary>
    public string Label { get; set; } = string.Empty;

    public bool Campaign { get; set; }

    /// <summary>Org, campus, lab or operator the account was provisioned with.</summary>
    public string? Group { get; set; }

    public long Exchanges { get; set; }
    public DateTime? FirstExchange { get; set; }
    public DateTime? LastExchange { get; set; }
}
