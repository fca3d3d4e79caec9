namespace DistillGuard.Core.Log;

/// <summary>Token counts of one exchange; zero where the log did not say.</summary>
public readonly record struct TokenUsage(int InputTokens, int OutputTokens, int ReasoningTokens);
