using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace DistillGuard.Core.Net;

/// <summary>
/// Reads the IP networks an operator lists in configuration — the gateway's trusted proxies and IP table, the
/// engine's shared egress networks — so that every list reads an entry the same way: a CIDR block, or a lone address
/// as the block of just that address. Host bits are cleared (<c>10.1.2.3/8</c> is <c>10.0.0.0/8</c>), as the intel
/// matcher and nginx's <c>set_real_ip_from</c> read them; the prefix written is the network meant.
/// </summary>
public static class IpNetworkText
{
    /// <summary>Parses <paramref name="text"/>; on failure <paramref name="problem"/> says why, to follow the quoted entry.</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out IPNetwork network, out string? problem)
    {
        network = default;
        text = text.Trim();
        var slash = text.IndexOf('/');
        var prefix = -1;
        if (!IPAddress.TryParse(slash < 0 ? text : text[..slash], out var address)
            || (slash >= 0 && !int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefix)))
        {
            problem = "is not an IP address or CIDR block (such as 203.0.113.0/24)";
            return false;
        }

        var bits = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (prefix > bits)
        {
            problem = $"has a prefix longer than /{bits}";
            return false;
        }

        // IPNetwork clears the host bits itself.
        network = new IPNetwork(address, slash < 0 ? bits : prefix);
        problem = null;
        return true;
    }

    /// <summary>Parses <paramref name="text"/>, or throws <see cref="FormatException"/> quoting it and saying why.</summary>
    public static IPNetwork Parse(string text) =>
        TryParse(text, out var network, out var problem) ? network : throw new FormatException($"'{text}' {problem}");
}
