using System.Security.Cryptography;
using System.Text;
using DistillGuard.Core.Hashing;

namespace DistillGuard.Core.Tests.Hashing;

public sealed class HmacSha256KeyTests
{
    private static byte[] Mac(HmacSha256Key key, string message)
    {
        var digest = new byte[32];
        key.Compute(Encoding.UTF8.GetBytes(message), digest);
        return digest;
    }

    [Theory]
    [InlineData(16, "pf_9c1e")]
    [InlineData(64, "python-httpx/0.27.0|t13d1516h2")]
    [InlineData(100, "")]          // longer than a block: the key is hashed first
    [InlineData(3, "ünïcode ✓")]
    [InlineData(32, "a message longer than one SHA-256 block so the tail spans two compressions plus padding........")]
    [InlineData(32, "exactly 55 bytes: 0123456789012345678901234567890123")]
    [InlineData(32, "exactly 56 bytes: 01234567890123456789012345678901234")]
    public void Compute_AnyKeyAndMessage_EqualsPlatformHmac(int keyLength, string message)
    {
        var key = Enumerable.Range(0, keyLength).Select(i => (byte)(i * 7)).ToArray();

        Assert.Equal(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(message)), Mac(new HmacSha256Key(key), message));
    }

    [Fact]
    public void Compute_Rfc4231TestCase2_MatchesPublishedDigest()
    {
        Assert.Equal(
            Convert.FromHexString("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
            Mac(new HmacSha256Key("Jefe"u8), "what do ya want for nothing?"));
    }
}
