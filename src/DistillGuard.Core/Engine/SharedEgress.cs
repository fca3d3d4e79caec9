using System.Net;
using System.Net.Sockets;
using DistillGuard.Core.Net;

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
    /// Parses one entry as every configured network list does (<see cref="IpNetworkText"/>: host bits are cleared,
    /// a lone address is its own block), within the widths allowed.
    /// </summary>
    public static IPNetwork Parse(string network)
    {
        if (!IpNetworkText.TryParse(network, out var parsed, out var problem))
        {
            throw new ArgumentException($"SharedEgress: '{network}' {problem}");
        }

        var min = parsed.BaseAddress.AddressFamily == AddressFamily.InterNetwork ? MinV4Prefix : MinV6Prefix;
        if (parsed.PrefixLength < min)
        {
            throw new ArgumentException($"SharedEgress: '{network}' is wider than /{min}; list the platform's own ranges, not its provider's");
        }

        return parsed;
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
