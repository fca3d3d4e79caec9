using DistillGuard.Core.Engine;

namespace DistillGuard.Gateway.Features.Store;

/// <summary>An operator's decision about an account that wins over the engine's verdict.</summary>
internal sealed record VerdictOverride(string AccountId, Verdict Verdict, string? Reason, DateTime CreatedAt);
