using System.Buffers.Binary;

namespace DistillGuard.Intel.Stix;

/// <summary>A SHA-256/HMAC-SHA256 digest as four words, so hash sets key on it without allocating.</summary>
internal readonly record struct Hash256(ulong A, ulong B, ulong C, ulong D)
{
    public static Hash256 FromBytes(ReadOnlySpan<byte> digest) => new(
        BinaryPrimitives.ReadUInt64BigEndian(digest),
        BinaryPrimitives.ReadUInt64BigEndian(digest[8..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[16..]),
        BinaryPrimitives.ReadUInt64BigEndian(digest[24..]));

    /// <summary>Parses 64 hex digits (either case).</summary>
    public static bool TryParseHex(string hex, out Hash256 hash)
    {
        hash = default;
        Span<byte> bytes = stackalloc byte[32];
        if (hex.Length != 64 || Convert.FromHexString(hex, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        hash = FromBytes(bytes);
        return true;
    }
}
