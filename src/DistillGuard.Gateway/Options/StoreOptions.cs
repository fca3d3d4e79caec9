using System.ComponentModel.DataAnnotations;

namespace DistillGuard.Gateway.Options;

/// <summary>The SQLite store of accounts, hashed API keys and verdict overrides.</summary>
public sealed class StoreOptions
{
    /// <summary>Path of the SQLite database file; created when missing. Default <c>distillguard-gateway.db</c>.</summary>
    [Required]
    public string Path { get; set; } = "distillguard-gateway.db";

    /// <summary>Secret mixed into every key hash (HMAC-SHA256 key), so a stolen database does not reveal keys. At least 16 characters.</summary>
    [Required]
    public string KeyPepper { get; set; } = string.Empty;
}
