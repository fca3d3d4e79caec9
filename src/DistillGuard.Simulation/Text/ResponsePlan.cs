namespace DistillGuard.Simulation.Text;

/// <summary>What the simulated model answers (reused between exchanges).</summary>
internal sealed class ResponsePlan
{
    public string Text { get; set; } = string.Empty;
    public string? Thinking { get; set; }
    public string? ToolName { get; set; }
    public string? ToolUseId { get; set; }
    public string? ToolInputJson { get; set; }

    /// <summary>Anthropic stop reason: <c>end_turn</c>, <c>tool_use</c> or <c>max_tokens</c>.</summary>
    public string StopReason { get; set; } = "end_turn";

    public int InputTokens { get; set; }
    public int OutputTokens { get; set; }
    public int ReasoningTokens { get; set; }
}
