using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Features.Store;

/// <summary>An operator's decision about an account that wins over the engine's verdict.</summary>
internal sealed record VerdictOverride(string AccountId, Verdict Verdict, string? Reason, DateTime CreatedAt)
{
    /// <summary>As a line of overrides.jsonl counting from the log's start (the store keeps no log time).</summary>
    public OverrideRecord FromTheStart() => new(AccountId, Verdict, Reason, null);
}
