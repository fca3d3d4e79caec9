using System.Security.Cryptography;
using System.Text;
using DistillGuard.Gateway.Features.Auth;
using DistillGuard.Gateway.Options;

namespace DistillGuard.Gateway.Tests.Features.Auth;

public sealed class ApiKeyHasherTests
{
    private static ApiKeyHasher Hasher(string pepper) =>
        new(Microsoft.Extensions.Options.Options.Create(new GatewayOptions { Store = new StoreOptions { KeyPepper = pepper } }));

    [Theory]
    [InlineData("pepper-for-tests-0123456789", "dg-q3mF0x9Vd2ZkTtq0W8cJgH2yN5pLr7sUaB1eC4iK6o")]
    [InlineData("a pepper longer than one SHA-256 block, so HMAC hashes it first: 0123456789abcdef", "sk-ant-0001")]
    [InlineData("p", "ключ-✓")]
    public void TryHash_AnyPepperAndKey_EqualsThePlatformHmacThatStoredHashesWereMadeWith(string pepper, string key)
    {
        Assert.True(Hasher(pepper).TryHash(key, out var hash));

        // The store keeps hashes as hex; the digest's own hex is what earlier versions stored.
        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(pepper), Encoding.UTF8.GetBytes(key));
        Assert.Equal(Convert.ToHexStringLower(expected), hash.ToHex());
    }

    [Fact]
    public void TryHash_SameKeyFromManyThreadsAtOnce_GivesOneHash()
    {
        var hasher = Hasher("pepper-0123456789abc");
        Assert.True(hasher.TryHash("dg-shared-key", out var reference));

        var hashes = new KeyHash[64];
        Parallel.For(0, hashes.Length, i => hasher.TryHash("dg-shared-key", out hashes[i]));

        Assert.All(hashes, h => Assert.Equal(reference, h));
    }

    [Theory]
    [InlineData("")]
    [InlineData(null)]
    public void TryHash_EmptyOrOverlongKey_IsRefusedWithoutHashing(string? key)
    {
        var presented = key ?? new string('k', ApiKeyHasher.MaxKeyBytes + 1);

        Assert.False(Hasher("pepper-0123456789abc").TryHash(presented, out var hash));
        Assert.Equal(default, hash);
    }
}
