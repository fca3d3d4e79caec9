namespace DistillGuard.Core.Analysis;

/// <summary>Why an exchange counts as chain-of-thought eliciting (see docs/detection-signals.md).</summary>
[Flags]
public enum CotSignals : byte
{
    None = 0,

    /// <summary>The prompt explicitly asks for the full reasoning ("think step by step and show every step").</summary>
    ExplicitRequest = 1 << 0,

    /// <summary>Thinking enabled with <c>budget_tokens</c> at or above <see cref="ExchangeAnalyzerOptions.LargeThinkingBudget"/>.</summary>
    LargeThinkingBudget = 1 << 1,

    /// <summary><c>reasoning_effort</c> at or above <see cref="ExchangeAnalyzerOptions.HighReasoningEffort"/>.</summary>
    HighReasoningEffort = 1 << 2,

    /// <summary>The prompt supplies an answer and asks for the reasoning that leads to it.</summary>
    TraceReconstruction = 1 << 3,
}
