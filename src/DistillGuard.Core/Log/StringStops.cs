using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace DistillGuard.Core.Log;

/// <summary>
/// Finds where a JSON string can end or needs a closer look: its closing quote, an escape, or a control
/// character (invalid inside a string). Searched over the rest of the text rather than a guessed length, so the
/// first 32-byte load usually finds the closing quote of a short string; this costs a few instructions where a
/// general <c>IndexOfAny</c> over 34 values pays a set-up per call, and most strings in a log line are short.
/// </summary>
internal static class StringStops
{
    public static int IndexOf(ReadOnlySpan<byte> text)
    {
        ref var start = ref MemoryMarshal.GetReference(text);
        var length = text.Length;
        if (Vector256.IsHardwareAccelerated && length >= Vector256<byte>.Count)
        {
            var last = length - Vector256<byte>.Count;
            for (var i = 0; ; i += Vector256<byte>.Count)
            {
                // The last load overlaps the one before; bytes it sees twice held no stop, so the first hit stands.
                var at = Math.Min(i, last);
                var hits = In(Vector256.LoadUnsafe(ref start, (nuint)at));
                if (hits != 0)
                {
                    return at + BitOperations.TrailingZeroCount(hits);
                }

                if (at == last)
                {
                    return -1;
                }
            }
        }

        if (Vector128.IsHardwareAccelerated && length >= Vector128<byte>.Count)
        {
            var last = length - Vector128<byte>.Count;
            for (var i = 0; ; i += Vector128<byte>.Count)
            {
                var at = Math.Min(i, last);
                var hits = In(Vector128.LoadUnsafe(ref start, (nuint)at));
                if (hits != 0)
                {
                    return at + BitOperations.TrailingZeroCount(hits);
                }

                if (at == last)
                {
                    return -1;
                }
            }
        }

        for (var i = 0; i < length; i++)
        {
            if (text[i] is (byte)'"' or (byte)'\\' or < 0x20)
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>One bit per byte of <paramref name="v"/> that is a stop.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint In(Vector256<byte> v) =>
        (Vector256.Equals(v, Vector256.Create((byte)'"'))
         | Vector256.Equals(v, Vector256.Create((byte)'\\'))
         | Vector256.LessThan(v, Vector256.Create((byte)0x20))).ExtractMostSignificantBits();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint In(Vector128<byte> v) =>
        (Vector128.Equals(v, Vector128.Create((byte)'"'))
         | Vector128.Equals(v, Vector128.Create((byte)'\\'))
         | Vector128.LessThan(v, Vector128.Create((byte)0x20))).ExtractMostSignificantBits();
}
