namespace DistillGuard.Gateway.Features.Store;

/// <summary>An API key as the admin API lists it: never the key, only its id.</summary>
internal sealed record StoredKey(string KeyId, string AccountId, DateTime CreatedAt, DateTime? RevokedAt);
