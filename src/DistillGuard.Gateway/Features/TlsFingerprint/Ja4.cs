using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace DistillGuard.Gateway.Features.TlsFingerprint;

/// <summary>
/// The JA4 fingerprint of a TLS client (FoxIO's JA4, as <c>tls_fingerprint</c> carries it in the exchange log):
/// <c>t13d1516h2_8daaf6152771_d8a2da3f94cd</c> = protocol, highest offered version, SNI present, cipher and
/// extension counts, first ALPN; a hash of the sorted cipher suites; a hash of the sorted extensions (without
/// SNI and ALPN) and the signature algorithms in offered order. GREASE values are ignored throughout, so one
/// client build gives one fingerprint however it randomises them and whatever host name it asks for.
/// </summary>
internal static class Ja4
{
    private const byte HandshakeRecord = 22;
    private const byte ClientHelloMessage = 1;
    private const ushort ServerName = 0x0000;
    private const ushort SignatureAlgorithms = 0x000d;
    private const ushort Alpn = 0x0010;
    private const ushort SupportedVersions = 0x002b;

    /// <summary>The fingerprint of the ClientHello in <paramref name="record"/> (a TLS record, as Kestrel passes it); null when it is not one.</summary>
    public static string? FromRecord(ReadOnlySequence<byte> record)
    {
        if (record.IsSingleSegment)
        {
            return FromRecord(record.FirstSpan);
        }

        var copy = ArrayPool<byte>.Shared.Rent((int)Math.Min(record.Length, 64 * 1024));
        try
        {
            var length = (int)Math.Min(record.Length, copy.Length);
            record.Slice(0, length).CopyTo(copy);
            return FromRecord(copy.AsSpan(0, length));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(copy);
        }
    }

    /// <inheritdoc cref="FromRecord(ReadOnlySequence{byte})"/>
    public static string? FromRecord(ReadOnlySpan<byte> record)
    {
        var reader = new HelloReader(record);
        if (reader.Byte() != HandshakeRecord)
        {
            return null;
        }

        reader.Skip(2);
        var fragment = reader.Take(reader.UInt16());
        if (fragment.Byte() != ClientHelloMessage)
        {
            return null;
        }

        // A ClientHello longer than its first record is cut here; what the record holds is still read.
        var hello = fragment.Take(Math.Min(fragment.UInt24(), fragment.Remaining));
        var version = hello.UInt16();
        hello.Skip(32);
        hello.Skip(hello.Byte());
        var cipherBytes = hello.Take(hello.UInt16());
        hello.Skip(hello.Byte());
        if (!hello.Ok || !cipherBytes.Ok)
        {
            return null;
        }

        var ciphers = new List<ushort>();
        while (cipherBytes.Remaining >= 2)
        {
            AddUnlessGrease(ciphers, cipherBytes.UInt16());
        }

        var extensions = new List<ushort>();
        var signatureAlgorithms = new List<ushort>();
        var sni = false;
        var alpn = "00";
        if (hello.Remaining >= 2)
        {
            var extensionBytes = hello.Take(Math.Min(hello.UInt16(), hello.Remaining));
            while (extensionBytes.Remaining >= 4)
            {
                var type = extensionBytes.UInt16();
                var data = extensionBytes.Take(extensionBytes.UInt16());
                if (!extensionBytes.Ok || IsGrease(type))
                {
                    continue;
                }

                extensions.Add(type);
                switch (type)
                {
                    case ServerName:
                        sni = true;
                        break;
                    case Alpn:
                        alpn = FirstAlpn(data);
                        break;
                    case SupportedVersions:
                        version = HighestVersion(data, version);
                        break;
                    case SignatureAlgorithms:
                        var list = data.Take(data.UInt16());
                        while (list.Remaining >= 2)
                        {
                            AddUnlessGrease(signatureAlgorithms, list.UInt16());
                        }

                        break;
                }
            }
        }

        var head = $"t{VersionLabel(version)}{(sni ? 'd' : 'i')}{Math.Min(ciphers.Count, 99):D2}{Math.Min(extensions.Count, 99):D2}{alpn}";
        ciphers.Sort();
        var hashedExtensions = extensions.Where(static e => e is not (ServerName or Alpn)).Order().ToList();
        var extensionText = Hex(hashedExtensions) + (signatureAlgorithms.Count > 0 ? "_" + string.Join(',', signatureAlgorithms.Select(static s => s.ToString("x4", System.Globalization.CultureInfo.InvariantCulture))) : string.Empty);
        return $"{head}_{Hash12(ciphers.Count == 0 ? null : Hex(ciphers))}_{Hash12(extensions.Count == 0 ? null : extensionText)}";
    }

    /// <summary>GREASE values (RFC 8701) are 0x?a?a with both bytes equal.</summary>
    private static bool IsGrease(ushort value) => (value & 0x0f0f) == 0x0a0a && (value >> 8) == (value & 0xff);

    private static void AddUnlessGrease(List<ushort> list, ushort value)
    {
        if (!IsGrease(value))
        {
            list.Add(value);
        }
    }

    private static ushort HighestVersion(HelloReader data, ushort fallback)
    {
        var list = data.Take(data.Byte());
        ushort highest = 0;
        while (list.Remaining >= 2)
        {
            var v = list.UInt16();
            if (!IsGrease(v) && v > highest)
            {
                highest = v;
            }
        }

        return highest == 0 ? fallback : highest;
    }

    /// <summary>First and last character of the first protocol ("h2", "h1" for http/1.1); their hex digits when not alphanumeric.</summary>
    private static string FirstAlpn(HelloReader data)
    {
        var list = data.Take(data.UInt16());
        var first = list.Take(list.Byte());
        if (!first.Ok || first.Remaining == 0)
        {
            return "00";
        }

        var bytes = first.Rest;
        var a = bytes[0];
        var z = bytes[^1];
        if (char.IsAsciiLetterOrDigit((char)a) && char.IsAsciiLetterOrDigit((char)z))
        {
            return $"{(char)a}{(char)z}";
        }

        var hexA = a.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
        var hexZ = z.ToString("x2", System.Globalization.CultureInfo.InvariantCulture);
        return $"{hexA[0]}{hexZ[1]}";
    }

    private static string VersionLabel(ushort version) => version switch
    {
        0x0304 => "13",
        0x0303 => "12",
        0x0302 => "11",
        0x0301 => "10",
        0x0300 => "s3",
        0x0002 => "s2",
        0xfeff => "d1",
        0xfefd => "d2",
        0xfefc => "d3",
        _ => "00",
    };

    private static string Hex(List<ushort> values) =>
        string.Join(',', values.Select(static v => v.ToString("x4", System.Globalization.CultureInfo.InvariantCulture)));

    private static string Hash12(string? text) =>
        text is null ? "000000000000" : Convert.ToHexStringLower(SHA256.HashData(Encoding.ASCII.GetBytes(text)))[..12];

    /// <summary>Big-endian reads over a slice that never throw: reading past the end marks the reader not <see cref="Ok"/>.</summary>
    private ref struct HelloReader(ReadOnlySpan<byte> data)
    {
        private ReadOnlySpan<byte> _data = data;

        public bool Ok { get; private set; } = true;

        public readonly int Remaining => _data.Length;

        public readonly ReadOnlySpan<byte> Rest => _data;

        public byte Byte() => Has(1) ? Advance(1)[0] : (byte)0;

        public ushort UInt16() => Has(2) ? BinaryPrimitives.ReadUInt16BigEndian(Advance(2)) : (ushort)0;

        public int UInt24()
        {
            if (!Has(3))
            {
                return 0;
            }

            var b = Advance(3);
            return (b[0] << 16) | (b[1] << 8) | b[2];
        }

        public void Skip(int count)
        {
            if (Has(count))
            {
                Advance(count);
            }
        }

        public HelloReader Take(int count)
        {
            if (!Has(count))
            {
                return new HelloReader(default) { Ok = false };
            }

            return new HelloReader(Advance(count));
        }

        private bool Has(int count)
        {
            if (count <= _data.Length)
            {
                return true;
            }

            Ok = false;
            _data = default;
            return false;
        }

        private ReadOnlySpan<byte> Advance(int count)
        {
            var taken = _data[..count];
            _data = _data[count..];
            return taken;
        }
    }
}
