namespace DistillGuard.Gateway.Features.Auth;

/// <summary>HMAC-SHA256 of an API key as four words, so lookups hash and compare without allocating.</summary>
internal readonly record struct KeyHash(ulong A, ulong B, ulong C, ulong D)
{
    public string ToHex() => string.Create(64, this, static (span, h) =>
    {
        h.A.TryFormat(span[..16], out _, "x16");
        h.B.TryFormat(span[16..32], out _, "x16");
        h.C.TryFormat(span[32..48], out _, "x16");
        h.D.TryFormat(span[48..], out _, "x16");
    });

    public static KeyHash FromHex(string hex) => new(
        ulong.Parse(hex.AsSpan(0, 16), System.Globalization.NumberStyles.HexNumber, null),
        ulong.Parse(hex.AsSpan(16, 16), System.Globalization.NumberStyles.HexNumber, null),
        ulong.Parse(hex.AsSpan(32, 16), System.Globalization.NumberStyles.HexNumber, null),
        ulong.Parse(hex.AsSpan(48, 16), System.Globalization.NumberStyles.HexNumber, null));
}
