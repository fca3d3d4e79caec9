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
    public int LargeThinkingBudget { get; set; } = 4096;

    /// <summary>OpenAI <c>reasoning_effort</c> at or above which a request counts as eliciting chain of thought
    /// (<c>minimal</c> &lt; <c>low</c> &lt; <c>medium</c> &lt; <c>high</c> &lt; <c>xhigh</c>). Default <c>high</c>.</summary>
    public string HighReasoningEffort { get; set; } = "high";

    /// <summary>Characters of each text field analysed; the rest is ignored (bounds the cost of huge prompts). Default 16384.</summary>
    public int MaxAnalyzedChars { get; set; } = 16384;

    /// <summary>A prompt with no capability evidence and at most this many words is <c>general_chat</c>; longer ones are <c>other</c>. Default 60.</summary>
    public int ShortChatWords { get; set; } = 60;

    /// <summary>Throws when an option is out of range (checked in code: attribute validation reflects over the type, which a native build cannot).</summary>
    /// <exception cref="ValidationException">An option is out of range.</exception>
    internal void Validate()
    {
        InRange(LargeThinkingBudget, 1, int.MaxValue, nameof(LargeThinkingBudget));
        InRange(MaxAnalyzedChars, 256, 1 << 24, nameof(MaxAnalyzedChars));
        InRange(ShortChatWords, 0, 100_000, nameof(ShortChatWords));
        if (HighReasoningEffort is not ("minimal" or "low" or "medium" or "high" or "xhigh"))
        {
            throw new ValidationException(
                $"The field {nameof(HighReasoningEffort)} must be one of minimal, low, medium, high, xhigh (was \"{HighReasoningEffort}\").");
        }
    }

    private static void InRange(int value, int min, int max, string name)
    {
        if (value < min || value > max)
        {
            throw new ValidationException($"The field {name} must be between {min} and {max} (was {value}).");
        }
    }
}
