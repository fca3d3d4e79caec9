namespace DistillGuard.Gateway.Features.Auth;

/// <summary>A live API key: which account it charges. The key itself is only known by its hash.</summary>
internal sealed record ApiKeyEntry(string KeyId, string AccountId, DateTime CreatedAt);
