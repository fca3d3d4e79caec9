using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Auth;

/// <summary>Hashes API keys with HMAC-SHA256 keyed by the configured pepper; plaintext keys are never stored.</summary>
internal sealed class ApiKeyHasher(IOptions<GatewayOptions> options)
{
    /// <summary>Keys longer than this are rejected without hashing (no valid key is that long).</summary>
    public const int MaxKeyBytes = 256;

    // One HMAC context per thread, reused across requests: HMACSHA256.HashData builds and frees an OpenSSL
    // context on every call, which showed up on the request path's profile.
    [ThreadStatic]
    private static IncrementalHash? t_hmac;

    [ThreadStatic]
    private static byte[]? t_hmacPepper;

    private readonly byte[] _pepper = Encoding.UTF8.GetBytes(options.Value.Store.KeyPepper);

    public bool TryHash(ReadOnlySpan<char> key, out KeyHash hash)
    {
        hash = default;
        if (key.IsEmpty || Encoding.UTF8.GetMaxByteCount(key.Length) > MaxKeyBytes * 3 || key.Length > MaxKeyBytes)
        {
            return false;
        }

        Span<byte> utf8 = stackalloc byte[MaxKeyBytes * 3];
        var length = Encoding.UTF8.GetBytes(key, utf8);
        Span<byte> mac = stackalloc byte[32];
        var hmac = t_hmac;
        if (hmac is null || !ReferenceEquals(t_hmacPepper, _pepper))
        {
            hmac?.Dispose();
            hmac = t_hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _pepper);
            t_hmacPepper = _pepper;
        }

        hmac.AppendData(utf8[..length]);
        hmac.GetHashAndReset(mac);
        hash = new KeyHash(
            BinaryPrimitives.ReadUInt64BigEndian(mac),
            BinaryPrimitives.ReadUInt64BigEndian(mac[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(mac[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(mac[24..]));
        return true;
    }

    /// <summary>A new random key (shown once to the admin) and its hash.</summary>
    public (string Key, KeyHash Hash) NewKey()
    {
        var key = "dg-" + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        TryHash(key, out var hash);
        return (key, hash);
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
