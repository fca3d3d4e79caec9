using System.Net;
using System.Net.Sockets;

namespace DistillGuard.Core.Engine;

/// <summary>
/// The IP blocks (IPv4 /24, IPv6 /48) of networks whose addresses strangers share — a serverless platform's or a
/// secure web gateway's egress, a carrier's NAT — named by <see cref="DetectionOptions.SharedEgress"/>. Accounts in
/// them are not linked by the block, as a campaign renting one would be: the engine drops the block of an address in
/// one before it becomes an attribute. Held as the set of block hashes <see cref="IpBlocks.BlockHash"/> gives, so the
/// check is one lookup when an address is first seen.
/// </summary>
internal sealed class SharedEgress
{
    /// <summary>The widest IPv4 prefix accepted: a /12 is 4,096 blocks of /24.</summary>
    public const int MinV4Prefix = 12;

    /// <summary>The widest IPv6 prefix accepted: a /36 is 4,096 blocks of /48.</summary>
    public const int MinV6Prefix = 36;

    private readonly HashSet<ulong> _blocks = [];

    private SharedEgress()
    {
    }

    public static SharedEgress None { get; } = new();

    public int Blocks => _blocks.Count;

    public bool Contains(ulong blockHash) => blockHash != 0 && _blocks.Contains(blockHash);

    /// <summary>Builds the set; an entry that is not a CIDR block (or a lone address), or is wider than allowed, throws naming it.</summary>
    public static SharedEgress From(IReadOnlyList<string> networks)
    {
        if (networks.Count == 0)
        {
            return None;
        }

        var egress = new SharedEgress();
        foreach (var network in networks)
        {
            egress.Add(Parse(network));
        }

        return egress;
    }

    /// <summary>
    /// Parses one entry: a CIDR block (host bits are ignored: 76.76.21.9/24 is 76.76.21.0/24) or a single address (its
    /// block), within the widths allowed.
    /// </summary>
    public static IPNetwork Parse(string network)
    {
        var text = network.AsSpan().Trim();
        var slash = text.IndexOf('/');
        var prefix = -1;
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address)
            || (slash >= 0 && !int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix)))
        {
            throw new ArgumentException($"SharedEgress: '{network}' is not an IP address or CIDR block (such as 76.76.21.0/24)");
        }

        var v4 = address.AddressFamily == AddressFamily.InterNetwork;
        var bits = v4 ? 32 : 128;
        prefix = slash < 0 ? bits : prefix;
        if (prefix > bits)
        {
            throw new ArgumentException($"SharedEgress: '{network}' has a prefix longer than /{bits}");
        }

        var min = v4 ? MinV4Prefix : MinV6Prefix;
        if (prefix < min)
        {
            throw new ArgumentException($"SharedEgress: '{network}' is wider than /{min}; list the platform's own ranges, not its provider's");
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out var length);
        for (var i = 0; i < length; i++)
        {
            var keep = Math.Clamp(prefix - (8 * i), 0, 8);
            bytes[i] &= (byte)(0xFF << (8 - keep));
        }

        return new IPNetwork(new IPAddress(bytes[..length]), prefix);
    }

    private void Add(IPNetwork network)
    {
        Span<byte> bytes = stackalloc byte[16];
        network.BaseAddress.TryWriteBytes(bytes, out var length);
        if (length == 4)
        {
            // Every /24 the prefix covers: 2^(24 − prefix) of them, or the one that holds a narrower prefix.
            var first = (uint)((bytes[0] << 16) | (bytes[1] << 8) | bytes[2]);
            var count = network.PrefixLength >= 24 ? 1u : 1u << (24 - network.PrefixLength);
            for (var block = first; block < first + count; block++)
            {
                _blocks.Add(IpBlocks.V4BlockHash((byte)(block >> 16), (byte)(block >> 8), (byte)block));
            }

            return;
        }

        var start = ((ulong)bytes[0] << 40) | ((ulong)bytes[1] << 32) | ((ulong)bytes[2] << 24) | ((ulong)bytes[3] << 16) | ((ulong)bytes[4] << 8) | bytes[5];
        var blocks = network.PrefixLength >= 48 ? 1ul : 1ul << (48 - network.PrefixLength);
        Span<byte> prefix = stackalloc byte[6];
        for (var block = start; block < start + blocks; block++)
        {
            for (var i = 0; i < 6; i++)
            {
                prefix[i] = (byte)(block >> (40 - (8 * i)));
            }

            _blocks.Add(IpBlocks.V6BlockHash(prefix));
        }
    }
}
