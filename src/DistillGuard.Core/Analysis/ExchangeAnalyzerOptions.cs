using System.ComponentModel.DataAnnotations;

namespace DistillGuard.Core.Analysis;

/// <summary>Thresholds of per-exchange analysis. Defaults are documented in docs/detection-signals.md.</summary>
public sealed class ExchangeAnalyzerOptions
{
    /// <summary>
    /// Anthropic <c>thinking.budget_tokens</c> at or above which a request counts as eliciting chain of thought.
    /// Default 4096: four times the API minimum (1024), above what interactive clients typically send, below the
    /// multi-thousand budgets trace harvesting uses.
    /// </summary>
    [Range(1, int.MaxValue)]
    public int LargeThinkingBudget { get; set; } = 4096;

    /// <summary>OpenAI <c>reasoning_effort</c> at or above which a request counts as eliciting chain of thought
    /// (<c>minimal</c> &lt; <c>low</c> &lt; <c>medium</c> &lt; <c>high</c> &lt; <c>xhigh</c>). Default <c>high</c>.</summary>
    [Required]
    [RegularExpression("^(minimal|low|medium|high|xhigh)$")]
    public string HighReasoningEffort { get; set; } = "high";

    /// <summary>Characters of each text field analysed; the rest is ignored (bounds the cost of huge prompts). Default 16384.</summary>
    [Range(256, 1 << 24)]
    public int MaxAnalyzedChars { get; set; } = 16384;

    /// <summary>A prompt with no capability evidence and at most this many words is <c>general_chat</c>; longer ones are <c>other</c>. Default 60.</summary>
    [Range(0, 100_000)]
    public int ShortChatWords { get; set; } = 60;
}
