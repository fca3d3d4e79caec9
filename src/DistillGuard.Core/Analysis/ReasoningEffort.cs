namespace DistillGuard.Core.Analysis;

/// <summary>Ranks OpenAI <c>reasoning_effort</c> values without allocating.</summary>
internal static class ReasoningEffort
{
    /// <summary>0 minimal, 1 low, 2 medium, 3 high, 4 xhigh; -1 when absent or unknown.</summary>
    public static int Rank(string? effort)
    {
        if (effort is null)
        {
            return -1;
        }

        var value = effort.AsSpan().Trim();
        return value.Equals("minimal", StringComparison.OrdinalIgnoreCase) ? 0
            : value.Equals("low", StringComparison.OrdinalIgnoreCase) ? 1
            : value.Equals("medium", StringComparison.OrdinalIgnoreCase) ? 2
            : value.Equals("high", StringComparison.OrdinalIgnoreCase) ? 3
            : value.Equals("xhigh", StringComparison.OrdinalIgnoreCase) ? 4
            : -1;
    }
}
