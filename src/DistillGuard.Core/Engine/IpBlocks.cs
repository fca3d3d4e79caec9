using System.Net;

namespace DistillGuard.Core.Engine;

/// <summary>Maps an IP address to its IPv4 /24 or IPv6 /48 block without allocating for the common IPv4 case.</summary>
internal static class IpBlocks
{
    /// <summary>Hash of the block the address belongs to; 0 when it is absent or unreadable.</summary>
    public static ulong BlockHash(string? ip)
    {
        if (string.IsNullOrEmpty(ip))
        {
            return 0;
        }

        var span = ip.AsSpan();
        if (span.IndexOf(':') < 0)
        {
            var last = span.LastIndexOf('.');
            return last <= 0 ? 0 : StableHash.Of(span[..last]) | 1;
        }

        // IPv6: the first three hextets once '::' is expanded; rare enough to allow the parse.
        if (!IPAddress.TryParse(span, out var address))
        {
            return 0;
        }

        Span<byte> bytes = stackalloc byte[16];
        return address.TryWriteBytes(bytes, out _) ? V6BlockHash(bytes) : 0;
    }

    /// <summary>The block hash <see cref="BlockHash"/> gives every address of the IPv4 /24 whose first three bytes are these.</summary>
    public static ulong V4BlockHash(byte a, byte b, byte c)
    {
        Span<char> text = stackalloc char[11];
        var length = 0;
        foreach (var part in (ReadOnlySpan<byte>)[a, b, c])
        {
            if (length > 0)
            {
                text[length++] = '.';
            }

            part.TryFormat(text[length..], out var written, provider: System.Globalization.CultureInfo.InvariantCulture);
            length += written;
        }

        return StableHash.Of(text[..length]) | 1;
    }

    /// <summary>The block hash of an IPv6 /48, from the address's bytes (the first six are read).</summary>
    public static ulong V6BlockHash(ReadOnlySpan<byte> bytes)
    {
        ulong hash = 0xcbf29ce484222325UL;
        for (var i = 0; i < 6; i++)
        {
            hash = StableHash.Mix(hash, bytes[i]);
        }

        return hash | 1;
    }

    /// <summary>CIDR text of the block (called only when a block is first recorded).</summary>
    public static string BlockLabel(string ip)
    {
        if (ip.IndexOf(':', StringComparison.Ordinal) < 0)
        {
            var last = ip.LastIndexOf('.');
            return string.Concat(ip.AsSpan(0, last), ".0/24");
        }

        if (!IPAddress.TryParse(ip, out var address))
        {
            return ip;
        }

        var bytes = address.GetAddressBytes();
        for (var i = 6; i < bytes.Length; i++)
        {
            bytes[i] = 0;
        }

        return new IPAddress(bytes) + "/48";
    }
}
