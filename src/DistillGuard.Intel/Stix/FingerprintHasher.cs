using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DistillGuard.Core.Hashing;

namespace DistillGuard.Intel.Stix;

/// <summary>
/// The salted hashes of the fingerprint extension: HMAC-SHA256 keyed with the bundle's salt over the UTF-8 of
/// the canonical input. Export and import share this class so both sides hash exactly the same bytes. The import
/// side hashes per exchange, so those overloads never allocate.
/// </summary>
internal static class FingerprintHasher
{
    public const int SaltBytes = 16;
    private const int StackLimit = 512;

    public static string HashHex(ReadOnlySpan<byte> salt, string input)
    {
        Span<byte> digest = stackalloc byte[32];
        HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(input), digest);
        return Convert.ToHexStringLower(digest);
    }

    public static Hash256 Hash(HmacSha256Key key, ReadOnlySpan<char> input) => Hash(key, input, ReadOnlySpan<char>.Empty, hasSecond: false);

    /// <summary>Hashes the client fingerprint <c>user_agent|tls_fingerprint</c> without building the string.</summary>
    public static Hash256 HashClient(HmacSha256Key key, ReadOnlySpan<char> userAgent, ReadOnlySpan<char> tls) => Hash(key, userAgent, tls, hasSecond: true);

    public static Hash256 HashTemplate(HmacSha256Key key, ulong templateId)
    {
        Span<char> text = stackalloc char[16];
        templateId.TryFormat(text, out _, "x16", CultureInfo.InvariantCulture);
        return Hash(key, text);
    }

    public static string TemplateInput(ulong templateId) => templateId.ToString("x16", CultureInfo.InvariantCulture);

    public static string ClientInput(string? userAgent, string? tls) => (userAgent ?? string.Empty) + "|" + (tls ?? string.Empty);

    private static Hash256 Hash(HmacSha256Key key, ReadOnlySpan<char> first, ReadOnlySpan<char> second, bool hasSecond)
    {
        var max = Encoding.UTF8.GetMaxByteCount(first.Length + second.Length + 1);
        byte[]? rented = null;
        var buffer = max <= StackLimit ? stackalloc byte[StackLimit] : (rented = ArrayPool<byte>.Shared.Rent(max));
        try
        {
            var length = Encoding.UTF8.GetBytes(first, buffer);
            if (hasSecond)
            {
                buffer[length++] = (byte)'|';
                length += Encoding.UTF8.GetBytes(second, buffer[length..]);
            }

            Span<byte> digest = stackalloc byte[32];
            key.Compute(buffer[..length], digest);
            return Hash256.FromBytes(digest);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
