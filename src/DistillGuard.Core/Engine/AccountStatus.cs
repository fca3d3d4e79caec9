namespace DistillGuard.Core.Engine;

/// <summary>The engine's current view of one account, safe to read from any thread.</summary>
public sealed record AccountStatus(string AccountId, Verdict Verdict, double Risk, string? CampaignId, DateTime? FirstFlaggedAt);
