using System.Globalization;
using DistillGuard.Simulation.Generation;

namespace DistillGuard.Simulation.Network;

/// <summary>
/// Turns (AS, block, host) into stable addresses: each AS owns a few synthetic /16s (v4) and one /32 (v6), a block
/// is a /24 (v4) or /48 (v6) inside them. The same triple gives the same address in every scenario, so infrastructure
/// that derives its triples from an operator name reappears identically.
/// </summary>
internal static class IpSpace
{
    // First octets that are publicly routed unicast space (no 10/127/172/192/224+), so addresses look real.
    private static readonly int[] FirstOctets = [23, 24, 31, 37, 45, 46, 49, 50, 58, 61, 66, 67, 68, 71, 73, 76, 81, 82, 85, 86, 88, 91, 93, 95, 98, 103, 104, 107, 109, 110, 112, 114, 116, 118, 121, 124, 128, 136, 139, 141, 143, 147, 149, 151, 154, 157, 159, 161, 165, 167, 170, 175, 178, 180, 183, 185, 188, 193, 194, 195, 203, 206, 209, 212, 213, 217];

    public static string V4(int asn, int block, int host)
    {
        var sixteen = block >> 8;
        var h = StableHash.Mix((ulong)asn, (ulong)sixteen);
        var first = FirstOctets[(int)(h % (ulong)FirstOctets.Length)];
        var second = (int)((h >> 16) % 256);
        var third = (int)((StableHash.Mix(h, (ulong)(block & 0xFF)) >> 8) % 256);
        var fourth = 1 + (host % 254);
        return string.Create(CultureInfo.InvariantCulture, $"{first}.{second}.{third}.{fourth}");
    }

    public static string V6(int asn, int block, int host)
    {
        var h = StableHash.Mix((ulong)asn, 0x6666UL);
        var g1 = 0x2400 + (int)(h % 0x400);
        var g2 = (int)((h >> 20) & 0xFFFF);
        var g3 = (int)(StableHash.Mix(h, (ulong)block) & 0xFFFF);
        var hostHash = StableHash.Mix((ulong)host, h);
        return string.Create(CultureInfo.InvariantCulture, $"{g1:x}:{g2:x}:{g3:x}:{(hostHash >> 48) & 0xFFFF:x}::{(hostHash & 0xFFFF) | 1:x}");
    }
}
