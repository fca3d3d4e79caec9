namespace DistillGuard.Gateway.Options;

/// <summary>Countermeasures per verdict. Allowed accounts never get any: their traffic is untouched.</summary>
public sealed class CountermeasureOptions
{
    /// <summary>For accounts under review. Default: none.</summary>
    public CountermeasureSet Review { get; set; } = new();

    /// <summary>For throttled accounts (on the requests the token bucket lets through). Default: drop reasoning, cap max_tokens at 1024.</summary>
    public CountermeasureSet Throttle { get; set; } = new() { Reasoning = ReasoningPolicy.Drop, MaxTokensCap = 1024 };
}
