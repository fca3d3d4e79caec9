namespace DistillGuard.Core.Analysis;

/// <summary>
/// What per-exchange analysis extracts from one exchange: fixed-size, no references, so the engine can
/// keep aggregates of it without holding any text. Signals and thresholds: docs/detection-signals.md.
/// </summary>
public readonly record struct ExchangeFeatures
{
    /// <summary>
    /// Fingerprint of the prompt frame (system prompt + last user message) with its slots (numbers, names,
    /// code, quoted text, labelled payloads) masked; equal for slot-filled instances of one template.
    /// </summary>
    public ulong TemplateId { get; init; }

    /// <summary>Fingerprint of the last user message's frame alone (ignores the system prompt).</summary>
    public ulong UserTemplateId { get; init; }

    /// <summary>Fingerprint of the system prompt's frame; 0 when there is no system prompt. An app backend keeps this constant.</summary>
    public ulong SystemPromptId { get; init; }

    /// <summary>64-bit near-duplicate sketch (SimHash) of the masked last user message (the system prompt when that is empty); small Hamming distance means paraphrases. Compare with <see cref="Analysis.Sketch"/>.</summary>
    public ulong Sketch { get; init; }

    /// <summary>Main capability the prompt targets.</summary>
    public Capability Capability { get; init; }

    /// <summary>Confidence of <see cref="Capability"/> in [0, 1].</summary>
    public float CapabilityConfidence { get; init; }

    /// <summary>The request elicits chain of thought (explicit requests, large thinking budgets, high reasoning effort, trace reconstruction).</summary>
    public bool CotElicitation { get; init; }

    /// <summary>Which chain-of-thought signals fired; <see cref="CotSignals.None"/> when <see cref="CotElicitation"/> is false.</summary>
    public CotSignals CotSignals { get; init; }

    /// <summary>The request asks the model to reconstruct or expose a reasoning trace for a given answer.</summary>
    public bool TraceReconstruction { get; init; }

    /// <summary>One user turn, no prior assistant turns and no tool results.</summary>
    public bool SingleTurn { get; init; }

    public bool ToolsDeclared { get; init; }
    public bool ToolResultsPresent { get; init; }
    public bool HasImages { get; init; }

    /// <summary>User turns in the conversation.</summary>
    public int UserTurns { get; init; }

    /// <summary>Requested output cap (<c>max_tokens</c>), 0 when absent.</summary>
    public int MaxTokens { get; init; }

    /// <summary>Thinking budget (<c>thinking.budget_tokens</c>), 0 when thinking is off.</summary>
    public int ThinkingBudget { get; init; }

    /// <summary>Prompt length in characters (system + last user message).</summary>
    public int PromptChars { get; init; }

    /// <summary>Unmasked words in the template frame (system + last user). Few frame words make <see cref="TemplateId"/> weak evidence.</summary>
    public int FrameWords { get; init; }

    /// <summary>Runs of masked slot content in the template frame (system + last user).</summary>
    public int SlotRuns { get; init; }
}
