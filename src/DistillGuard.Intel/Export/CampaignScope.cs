using DistillGuard.Core.Findings;

namespace DistillGuard.Intel.Export;

/// <summary>
/// One campaign being exported: its STIX id, the log times its objects carry, and when its indicators expire
/// (<c>ValidUntil</c>: last seen plus the configured validity).
/// </summary>
internal sealed record CampaignScope(CampaignFinding Campaign, string Id, DateTime Created, DateTime Modified, DateTime ValidUntil);
