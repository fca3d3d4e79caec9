using System.Security.Cryptography;
using System.Text;
using BenchmarkDotNet.Attributes;
using DistillGuard.Core.Hashing;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Benchmarks.Intel;

/// <summary>
/// One salted client-fingerprint hash as import computes it per exchange: the platform one-shot HMAC against our
/// HMAC that resumes from precomputed key-block states.
/// Run: dotnet run -c Release --project bench/DistillGuard.Benchmarks -- --filter '*FingerprintHmac*'
/// </summary>
[MemoryDiagnoser]
public class FingerprintHmacBenchmarks
{
    private const string Client = "python-httpx/0.27.0|t13d1516h2_8daaf6152771_02713d6af862";
    private readonly byte[] _salt = new byte[16];
    private readonly byte[] _digest = new byte[32];
    private readonly byte[] _message = Encoding.UTF8.GetBytes(Client);
    private HmacSha256Key _key = null!;

    [GlobalSetup]
    public void Setup() => _key = new HmacSha256Key(_salt);

    [Benchmark(Baseline = true)]
    public byte Platform()
    {
        HMACSHA256.HashData(_salt, _message, _digest);
        return _digest[0];
    }

    [Benchmark]
    public ulong Precomputed() => FingerprintHasher.Hash(_key, Client).A;
}
