using DistillGuard.Gateway.Features.Auth;

namespace DistillGuard.Gateway.Features.Store;

internal sealed partial class GatewayStore
{
    public void InsertKey(ApiKeyEntry entry, KeyHash hash) => Execute(
        "INSERT INTO api_keys (key_id, account_id, key_hash, created_at) VALUES ($id, $account, $hash, $created)",
        ("$id", entry.KeyId), ("$account", entry.AccountId), ("$hash", hash.ToHex()), ("$created", Time(entry.CreatedAt)));

    /// <summary>Marks a key revoked; false when no live key has that id.</summary>
    public bool RevokeKey(string keyId, DateTime at)
    {
        lock (_lock)
        {
            using var command = Command("UPDATE api_keys SET revoked_at = $at WHERE key_id = $id AND revoked_at IS NULL", [("$at", Time(at)), ("$id", keyId)]);
            return command.ExecuteNonQuery() == 1;
        }
    }

    public List<(KeyHash Hash, ApiKeyEntry Entry)> LoadLiveKeys() => Query(
        "SELECT key_hash, key_id, account_id, created_at FROM api_keys WHERE revoked_at IS NULL ORDER BY key_id",
        static r => (ParseHash(r.GetString(0)), new ApiKeyEntry(r.GetString(1), r.GetString(2), ParseTime(r.GetString(3)))));

    public List<StoredKey> ListKeys(string? accountId) => Query(
        "SELECT key_id, account_id, created_at, revoked_at FROM api_keys WHERE $account IS NULL OR account_id = $account ORDER BY account_id, key_id",
        static r => new StoredKey(r.GetString(0), r.GetString(1), ParseTime(r.GetString(2)), r.IsDBNull(3) ? null : ParseTime(r.GetString(3))),
        ("$account", accountId));
}
