using DistillGuard.Core.Engine;

namespace DistillGuard.Core.Log;

/// <summary>
/// One line of a gateway's <c>overrides.jsonl</c> (a DistillGuard file beside its exchange log): an operator's verdict
/// set on an account, or cleared (<see cref="Verdict"/> null), counting from <see cref="EffectiveFrom"/> in the
/// engine's order as an account record does (none: from the log's start).
/// </summary>
public sealed record OverrideRecord(string AccountId, Verdict? Verdict, string? Reason, DateTime? EffectiveFrom);
