using System.Collections.Concurrent;

namespace DistillGuard.Gateway.Features.Auth;

/// <summary>In-memory index of live keys by hash, loaded from the store at start and kept in step by the admin API.</summary>
internal sealed class ApiKeyIndex(ApiKeyHasher hasher)
{
    private readonly ConcurrentDictionary<KeyHash, ApiKeyEntry> _byHash = new();

    // Bumped after every change, so a lookup remembered under an older version is never trusted again.
    private int _version;

    /// <summary>Changes whenever a key is added or removed.</summary>
    public int Version => Volatile.Read(ref _version);

    public void Set(KeyHash hash, ApiKeyEntry entry)
    {
        _byHash[hash] = entry;
        Interlocked.Increment(ref _version);
    }

    public void Remove(string keyId)
    {
        foreach (var pair in _byHash)
        {
            if (pair.Value.KeyId == keyId)
            {
                _byHash.TryRemove(pair.Key, out _);
            }
        }

        Interlocked.Increment(ref _version);
    }

    /// <summary>Finds the key presented by a client; false for unknown or revoked keys.</summary>
    public bool TryFind(ReadOnlySpan<char> presentedKey, out ApiKeyEntry entry)
    {
        entry = null!;
        return hasher.TryHash(presentedKey, out var hash) && _byHash.TryGetValue(hash, out entry!);
    }
}
