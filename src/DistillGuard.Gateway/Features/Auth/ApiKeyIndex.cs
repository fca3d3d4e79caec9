using System.Collections.Concurrent;

namespace DistillGuard.Gateway.Features.Auth;

/// <summary>In-memory index of live keys by hash, loaded from the store at start and kept in step by the admin API.</summary>
internal sealed class ApiKeyIndex(ApiKeyHasher hasher)
{
    private readonly ConcurrentDictionary<KeyHash, ApiKeyEntry> _byHash = new();

    public void Set(KeyHash hash, ApiKeyEntry entry) => _byHash[hash] = entry;

    public void Remove(string keyId)
    {
        foreach (var pair in _byHash)
        {
            if (pair.Value.KeyId == keyId)
            {
                _byHash.TryRemove(pair.Key, out _);
            }
        }
    }

    /// <summary>Finds the key presented by a client; false for unknown or revoked keys.</summary>
    public bool TryFind(ReadOnlySpan<char> presentedKey, out ApiKeyEntry entry)
    {
        entry = null!;
        return hasher.TryHash(presentedKey, out var hash) && _byHash.TryGetValue(hash, out entry!);
    }
}
