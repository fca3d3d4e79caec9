using DistillGuard.Core.Findings;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Store;

namespace DistillGuard.Gateway.Features.Admin;

/// <summary>
/// What the gateway knows of one account, flagged or not, for support: its findings (reasons, exchanges), the
/// campaign it is in now, its stored record and its keys. The enforced verdict and override are the board's.
/// </summary>
internal sealed record AccountLookup(string AccountId, AccountFinding? Finding, string? CampaignId, AccountRecord? Record, List<StoredKey> Keys);
