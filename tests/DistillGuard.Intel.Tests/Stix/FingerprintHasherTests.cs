using System.Security.Cryptography;
using System.Text;
using DistillGuard.Core.Hashing;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Tests.Stix;

public sealed class FingerprintHasherTests
{
    private static readonly byte[] Salt = [.. Enumerable.Range(0, 16).Select(i => (byte)(i * 7))];

    [Theory]
    [InlineData("pf_9c1e")]
    [InlineData("ünïcode ✓")]
    [InlineData("")]
    public void Hash_PerExchangeOverload_EqualsTheExportersHexHash(string input)
    {
        var perExchange = FingerprintHasher.Hash(new HmacSha256Key(Salt), input);

        Assert.Equal(Hash256.FromBytes(HMACSHA256.HashData(Salt, Encoding.UTF8.GetBytes(input))), perExchange);
        Assert.True(Hash256.TryParseHex(FingerprintHasher.HashHex(Salt, input), out var exported));
        Assert.Equal(exported, perExchange);
    }

    [Fact]
    public void HashClient_AgentAndTls_EqualsHashOfTheJoinedClientInput()
    {
        var key = new HmacSha256Key(Salt);

        Assert.Equal(
            FingerprintHasher.Hash(key, FingerprintHasher.ClientInput("python-httpx/0.27.0", "t13d1516h2")),
            FingerprintHasher.HashClient(key, "python-httpx/0.27.0", "t13d1516h2"));
    }
}
