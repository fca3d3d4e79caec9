using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using DistillGuard.Gateway.Features.TlsFingerprint;

namespace DistillGuard.Gateway.Tests.Features.TlsFingerprint;

public sealed class Ja4Tests
{
    // A Chrome 143 hello as a public fingerprinting service reported it (ja4_ro: ciphers and extensions in wire
    // order), with its published JA4. GREASE values are added here, as a browser sends them; JA4 ignores them.
    private static readonly ushort[] ChromeCiphers =
        [0x1301, 0x1302, 0x1303, 0xc02b, 0xc02f, 0xc02c, 0xc030, 0xcca9, 0xcca8, 0xc013, 0xc014, 0x009c, 0x009d, 0x002f, 0x0035];

    private static readonly ushort[] ChromeExtensions =
        [0x002d, 0x0033, 0x0010, 0xfe0d, 0x0017, 0x44cd, 0x0000, 0x000b, 0x000a, 0x002b, 0xff01, 0x0023, 0x0012, 0x0005, 0x000d, 0x001b];

    private static readonly ushort[] ChromeSignatureAlgorithms = [0x0403, 0x0804, 0x0401, 0x0503, 0x0805, 0x0501, 0x0806, 0x0601];

    [Fact]
    public void FromRecord_ChromeHelloWithGrease_GivesThePublishedFingerprint()
    {
        var record = ClientHello([0x2a2a, .. ChromeCiphers], [0x8a8a, .. ChromeExtensions, 0xdada], ChromeSignatureAlgorithms, alpn: ["h2", "http/1.1"], sni: "example.com");

        Assert.Equal("t13d1516h2_8daaf6152771_d8a2da3f94cd", Ja4.FromRecord(record));
    }

    [Fact]
    public void FromRecord_SameClientOtherHostAndSplitAcrossSegments_SameFingerprint()
    {
        var one = ClientHello(ChromeCiphers, ChromeExtensions, ChromeSignatureAlgorithms, alpn: ["h2"], sni: "api.example.com");
        var other = ClientHello(ChromeCiphers, ChromeExtensions, ChromeSignatureAlgorithms, alpn: ["h2"], sni: "a-much-longer-host-name.example.org");

        Assert.Equal(Ja4.FromRecord(one), Ja4.FromRecord(Split(other, 7)));
    }

    [Fact]
    public void FromRecord_NoSniNoAlpnNoSignatureAlgorithms_MarksThemAbsent()
    {
        var record = ClientHello([0x1301], [0x002b], [], alpn: [], sni: null);

        // i: no SNI; 00: no ALPN; the extension hash has no "_signature algorithms" part.
        Assert.Equal("t13i0101" + "00_0f2cb44170f4_b9a491fefe05", Ja4.FromRecord(record));
    }

    [Fact]
    public void FromRecord_WithoutSupportedVersions_UsesTheHelloVersion()
    {
        var record = ClientHello([0xc02f], [0x000d], ChromeSignatureAlgorithms, alpn: [], sni: null, supportedVersions: false);

        Assert.StartsWith("t12i0101" + "00_", Ja4.FromRecord(record), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(44)]
    public void FromRecord_NotAHelloOrCutShort_NullOrNoThrow(int keep)
    {
        var record = ClientHello(ChromeCiphers, ChromeExtensions, ChromeSignatureAlgorithms, alpn: ["h2"], sni: "example.com");

        Assert.Null(Ja4.FromRecord(record.AsSpan(0, keep)));
        record[0] = 23; // application data, not a handshake
        Assert.Null(Ja4.FromRecord(record));
    }

    [Fact]
    public void FromRecord_HelloLongerThanItsRecord_ReadsWhatTheRecordHolds()
    {
        var record = ClientHello(ChromeCiphers, ChromeExtensions, ChromeSignatureAlgorithms, alpn: ["h2"], sni: "example.com");
        var cut = record.AsSpan(0, record.Length - 30).ToArray();
        BinaryPrimitives.WriteUInt16BigEndian(cut.AsSpan(3), (ushort)(cut.Length - 5));

        var fingerprint = Ja4.FromRecord(cut);

        Assert.NotNull(fingerprint);
        Assert.StartsWith("t13d15", fingerprint, StringComparison.Ordinal);
    }

    private static ReadOnlySequence<byte> Split(byte[] bytes, int parts)
    {
        var size = (bytes.Length + parts - 1) / parts;
        Segment? first = null;
        Segment? last = null;
        for (var at = 0; at < bytes.Length; at += size)
        {
            var segment = new Segment(bytes.AsMemory(at, Math.Min(size, bytes.Length - at)), last);
            first ??= segment;
            last = segment;
        }

        return new ReadOnlySequence<byte>(first!, 0, last!, last!.Memory.Length);
    }

    /// <summary>A TLS record holding a ClientHello with the given ciphers and extension types, in wire order.</summary>
    private static byte[] ClientHello(ushort[] ciphers, ushort[] extensions, ushort[] signatureAlgorithms, string[] alpn, string? sni, bool supportedVersions = true)
    {
        var body = new List<byte>();
        U16(body, 0x0303);
        body.AddRange(new byte[32]);
        body.Add(32);
        body.AddRange(Enumerable.Range(0, 32).Select(static i => (byte)i));
        U16(body, ciphers.Length * 2);
        foreach (var c in ciphers)
        {
            U16(body, c);
        }

        body.Add(1);
        body.Add(0);
        var extensionBytes = new List<byte>();
        foreach (var type in extensions)
        {
            var data = new List<byte>();
            switch (type)
            {
                case 0x0000 when sni is not null:
                    var name = Encoding.ASCII.GetBytes(sni);
                    U16(data, name.Length + 3);
                    data.Add(0);
                    U16(data, name.Length);
                    data.AddRange(name);
                    break;
                case 0x0010:
                    var protocols = new List<byte>();
                    foreach (var p in alpn)
                    {
                        protocols.Add((byte)p.Length);
                        protocols.AddRange(Encoding.ASCII.GetBytes(p));
                    }

                    U16(data, protocols.Count);
                    data.AddRange(protocols);
                    break;
                case 0x002b:
                    data.Add(supportedVersions ? (byte)6 : (byte)2);
                    if (supportedVersions)
                    {
                        U16(data, 0x3a3a);
                        U16(data, 0x0304);
                    }

                    U16(data, 0x0303);
                    break;
                case 0x000d:
                    U16(data, signatureAlgorithms.Length * 2);
                    foreach (var s in signatureAlgorithms)
                    {
                        U16(data, s);
                    }

                    break;
            }

            if (type == 0x0000 && sni is null)
            {
                continue;
            }

            if (type == 0x0010 && alpn.Length == 0)
            {
                continue;
            }

            U16(extensionBytes, type);
            U16(extensionBytes, data.Count);
            extensionBytes.AddRange(data);
        }

        U16(body, extensionBytes.Count);
        body.AddRange(extensionBytes);

        var handshake = new List<byte> { 1, (byte)(body.Count >> 16), (byte)(body.Count >> 8), (byte)body.Count };
        handshake.AddRange(body);
        var record = new List<byte> { 22, 3, 1 };
        U16(record, handshake.Count);
        record.AddRange(handshake);
        return [.. record];
    }

    private static void U16(List<byte> to, int value)
    {
        to.Add((byte)(value >> 8));
        to.Add((byte)value);
    }

    private sealed class Segment : ReadOnlySequenceSegment<byte>
    {
        public Segment(ReadOnlyMemory<byte> memory, Segment? previous)
        {
            Memory = memory;
            if (previous is not null)
            {
                RunningIndex = previous.RunningIndex + previous.Memory.Length;
                previous.Next = this;
            }
        }
    }
}
