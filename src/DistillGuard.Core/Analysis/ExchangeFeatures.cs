namespace DistillGuard.Core.Analysis;

/// <summary>
/// What per-exchange analysis extracts from one exchange: fixed-size, no references, so the engine can
/// keep aggregates of it without holding any text.
/// </summary>
public readonly record struct ExchangeFeatures
{
    /// <summary>Fingerprint of the prompt with its slots (numbers, names, code, quoted text) masked; equal for slot-filled instances of one template.</summary>
    public ulong TemplateId { get; init; }

    /// <summary>64-bit near-duplicate sketch (SimHash) of the prompt; small Hamming distance means paraphrases.</summary>
    public ulong Sketch { get; init; }

    /// <summary>Main capability the prompt targets.</summary>
    public Capability Capability { get; init; }

    /// <summary>Confidence of <see cref="Capability"/> in [0, 1].</summary>
    public float CapabilityConfidence { get; init; }

    /// <summary>The request elicits chain of thought (explicit requests, large thinking budgets, trace reconstruction).</summary>
    public bool CotElicitation { get; init; }

    /// <summary>The request asks the model to reconstruct or expose a reasoning trace for a given answer.</summary>
    public bool TraceReconstruction { get; init; }

    /// <summary>One user turn and no prior assistant turns.</summary>
    public bool SingleTurn { get; init; }

    public bool ToolsDeclared { get; init; }
    public bool ToolResultsPresent { get; init; }
    public bool HasImages { get; init; }

    /// <summary>Requested output cap (<c>max_tokens</c>), 0 when absent.</summary>
    public int MaxTokens { get; init; }

    /// <summary>Prompt length in characters (system + last user message).</summary>
    public int PromptChars { get; init; }
}
