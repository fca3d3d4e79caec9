using System.Security.Cryptography;

namespace DistillGuard.Core.Hashing;

/// <summary>
/// HMAC-SHA256 (RFC 2104) that starts from the SHA-256 states after the padded inner and outer key blocks,
/// computed once per key: a short message then costs two compressions in managed code. The platform HMAC goes
/// through an OpenSSL MAC context per call (microseconds of setup on OpenSSL 3), which neither the per-exchange
/// intel matcher (bench/DistillGuard.Benchmarks/Intel/IntelMatcherBenchmarks.cs) nor the gateway's per-request
/// API-key lookup can afford. Immutable after construction, so one instance serves any number of threads.
/// </summary>
public sealed class HmacSha256Key
{
    private const int BlockSize = Sha256Compression.BlockSize;
    private readonly uint[] _innerState = new uint[8];
    private readonly uint[] _outerState = new uint[8];

    public HmacSha256Key(ReadOnlySpan<byte> key)
    {
        Span<byte> block = stackalloc byte[BlockSize];
        block.Clear();
        if (key.Length > BlockSize)
        {
            SHA256.HashData(key, block);
        }
        else
        {
            key.CopyTo(block);
        }

        Span<byte> padded = stackalloc byte[BlockSize];
        Prepare(block, padded, 0x36, _innerState);
        Prepare(block, padded, 0x5c, _outerState);
    }

    /// <summary>Computes the MAC of <paramref name="message"/> into <paramref name="digest"/> (32 bytes).</summary>
    public void Compute(ReadOnlySpan<byte> message, Span<byte> digest)
    {
        Span<uint> state = stackalloc uint[8];
        _innerState.CopyTo(state);
        Span<byte> inner = stackalloc byte[32];
        Sha256Compression.Finish(state, BlockSize, message, inner);
        _outerState.CopyTo(state);
        Sha256Compression.Finish(state, BlockSize, inner, digest);
    }

    private static void Prepare(ReadOnlySpan<byte> key, Span<byte> padded, byte pad, Span<uint> state)
    {
        for (var i = 0; i < BlockSize; i++)
        {
            padded[i] = (byte)(key[i] ^ pad);
        }

        Sha256Compression.InitialState.CopyTo(state);
        Sha256Compression.Compress(state, padded);
    }
}
