using System.Security.Cryptography;
using System.Text;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Tests.Stix;

public sealed class HmacSha256KeyTests
{
    [Theory]
    [InlineData(16, "pf_9c1e")]
    [InlineData(64, "python-httpx/0.27.0|t13d1516h2")]
    [InlineData(100, "")]          // longer than a block: the key is hashed first
    [InlineData(3, "ünïcode ✓")]
    [InlineData(32, "a message longer than one SHA-256 block so the tail spans two compressions plus padding........")]
    [InlineData(32, "exactly 55 bytes: 0123456789012345678901234567890123")]
    [InlineData(32, "exactly 56 bytes: 01234567890123456789012345678901234")]
    public void Hash_AnyKeyAndMessage_EqualsPlatformHmac(int keyLength, string message)
    {
        var salt = Enumerable.Range(0, keyLength).Select(i => (byte)(i * 7)).ToArray();

        var ours = FingerprintHasher.Hash(new HmacSha256Key(salt), message);

        Assert.Equal(Hash256.FromBytes(HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(message))), ours);
    }

    [Fact]
    public void Hash_Rfc4231TestCase2_MatchesPublishedDigest()
    {
        var digest = FingerprintHasher.Hash(new HmacSha256Key("Jefe"u8), "what do ya want for nothing?");

        Assert.True(Hash256.TryParseHex("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843", out var expected));
        Assert.Equal(expected, digest);
    }
}
