namespace DistillGuard.Intel.Import;

/// <summary>
/// Parses IPv4/IPv6 text into integers without allocating (matching runs per exchange, and
/// <see cref="System.Net.IPAddress"/> would allocate one object per call). IPv4-mapped IPv6 addresses
/// (<c>::ffff:a.b.c.d</c>) read as IPv4 so one indicator matches both spellings.
/// </summary>
internal static class IpAddressText
{
    public static bool TryParseV4(ReadOnlySpan<char> text, out uint address)
    {
        address = 0;
        var parts = 0;
        var i = 0;
        while (parts < 4)
        {
            var value = 0;
            var digits = 0;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                value = (value * 10) + (text[i] - '0');
                digits++;
                i++;
                if (digits > 3 || value > 255)
                {
                    return false;
                }
            }

            if (digits == 0 || (digits > 1 && text[i - digits] == '0'))
            {
                return false; // empty or leading zero (ambiguous octal in some parsers)
            }

            address = (address << 8) | (uint)value;
            parts++;
            if (parts < 4)
            {
                if (i >= text.Length || text[i] != '.')
                {
                    return false;
                }

                i++;
            }
        }

        return i == text.Length;
    }

    public static bool TryParseV6(ReadOnlySpan<char> text, out UInt128 address)
    {
        address = 0;
        var zone = text.IndexOf('%');
        if (zone >= 0)
        {
            text = text[..zone];
        }

        Span<ushort> groups = stackalloc ushort[8];
        var count = 0;
        var gap = -1;
        var i = 0;
        if (text.StartsWith("::"))
        {
            gap = 0;
            i = 2;
        }

        while (i < text.Length)
        {
            if (count == 8)
            {
                return false;
            }

            var start = i;
            var value = 0;
            while (i < text.Length && char.IsAsciiHexDigit(text[i]) && i - start < 4)
            {
                value = (value << 4) | HexValue(text[i]);
                i++;
            }

            if (i < text.Length && text[i] == '.')
            {
                // Embedded IPv4 in the last 32 bits.
                if (count > 6 || !TryParseV4(text[start..], out var v4))
                {
                    return false;
                }

                groups[count++] = (ushort)(v4 >> 16);
                groups[count++] = (ushort)v4;
                i = text.Length;
                break;
            }

            if (i == start)
            {
                return false;
            }

            groups[count++] = (ushort)value;
            if (i == text.Length)
            {
                break;
            }

            if (text[i] != ':')
            {
                return false;
            }

            i++;
            if (i < text.Length && text[i] == ':')
            {
                if (gap >= 0)
                {
                    return false; // only one '::'
                }

                gap = count;
                i++;
            }
            else if (i == text.Length)
            {
                return false; // trailing single ':'
            }
        }

        if (gap < 0 ? count != 8 : count > 7)
        {
            return false;
        }

        var head = gap < 0 ? count : gap;
        for (var g = 0; g < head; g++)
        {
            address |= (UInt128)groups[g] << (112 - (16 * g));
        }

        for (var g = head; g < count; g++)
        {
            var position = 8 - (count - g);
            address |= (UInt128)groups[g] << (112 - (16 * position));
        }

        return true;
    }

    /// <summary>An IPv4-mapped IPv6 address as its IPv4 address.</summary>
    public static bool TryUnmapV4(UInt128 address, out uint v4)
    {
        v4 = (uint)address;
        return address >> 32 == 0xFFFF;
    }

    /// <summary>Parses <c>address</c> or <c>address/prefix</c>; host bits are cleared (<c>203.0.113.7/24</c> is the /24).</summary>
    public static bool TryParseBlock(ReadOnlySpan<char> text, bool v6, out UInt128 network, out int prefix)
    {
        network = 0;
        var maxPrefix = v6 ? 128 : 32;
        prefix = maxPrefix;
        var slash = text.IndexOf('/');
        if (slash >= 0)
        {
            if (!int.TryParse(text[(slash + 1)..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out prefix) || prefix > maxPrefix)
            {
                return false;
            }

            text = text[..slash];
        }

        if (v6)
        {
            if (!TryParseV6(text, out network))
            {
                return false;
            }
        }
        else
        {
            if (!TryParseV4(text, out var v4))
            {
                return false;
            }

            network = v4;
        }

        network &= Mask(prefix, maxPrefix);
        return true;
    }

    public static UInt128 Mask(int prefix, int bits) => prefix == 0 ? 0 : (UInt128.MaxValue << (bits - prefix)) & (bits == 128 ? UInt128.MaxValue : (((UInt128)1 << bits) - 1));

    private static int HexValue(char c) => c <= '9' ? c - '0' : (c | 0x20) - 'a' + 10;
}
