using System.Security.Cryptography;
using System.Text;

namespace DistillGuard.Intel.Stix;

/// <summary>
/// STIX identifiers (<c>type--UUID</c>). We derive UUIDv5 from content so the same findings always give the same
/// ids; STIX recommends UUIDv4 for SDOs but allows any RFC 4122 UUID, and deterministic ids make re-exports of one
/// campaign update the same objects at a peer instead of duplicating them.
/// </summary>
internal static class StixIds
{
    /// <summary>Namespace of every DistillGuard-derived id (a fixed random UUID; never change it).</summary>
    public static readonly Guid Namespace = new("4f1d6b9e-2c1a-4b7e-9a53-6d0c8e2f71a4");

    public static string Create(string type, string name) => type + "--" + UuidV5(Namespace, type + "|" + name);

    /// <summary>RFC 4122 §4.3 name-based UUID (SHA-1), formatted lowercase.</summary>
    public static string UuidV5(Guid ns, string name)
    {
        Span<byte> nsBytes = stackalloc byte[16];
        ns.TryWriteBytes(nsBytes, bigEndian: true, out _);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[16 + nameBytes.Length];
        nsBytes.CopyTo(input);
        nameBytes.CopyTo(input.AsSpan(16));
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(input, hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash[..16], bigEndian: true).ToString("D");
    }

    /// <summary>Whether <paramref name="id"/> is <c>type--UUID</c> with an RFC 4122 UUID; <paramref name="type"/> gets the prefix.</summary>
    public static bool TryParse(string id, out string type)
    {
        type = string.Empty;
        var separator = id.IndexOf("--", StringComparison.Ordinal);
        if (separator <= 0)
        {
            return false;
        }

        var uuid = id.AsSpan(separator + 2);
        if (uuid.Length != 36 || !Guid.TryParseExact(uuid, "D", out var guid) || !IsLowerHex(uuid))
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        if ((bytes[8] & 0xC0) != 0x80)
        {
            return false; // not the RFC 4122 variant
        }

        type = id[..separator];
        return StixTypeNames.IsValid(type);
    }

    private static bool IsLowerHex(ReadOnlySpan<char> uuid)
    {
        foreach (var c in uuid)
        {
            if (c is >= 'A' and <= 'F')
            {
                return false;
            }
        }

        return true;
    }
}
