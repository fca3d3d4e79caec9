using System.Text;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Log;

public sealed class Utf8StringPoolTests
{
    [Theory]
    [InlineData("acct_0001")]
    [InlineData("Mozilla/5.0 (X11; Linux x86_64)")]
    [InlineData("Société Générale — Paris")] // multi-byte: fewer characters than bytes
    [InlineData("模型 API 🚀")] // three- and four-byte sequences
    public void Get_SameBytesTwice_TheSameInstanceHoldingTheDecodedText(string text)
    {
        var pool = new Utf8StringPool();
        var bytes = Encoding.UTF8.GetBytes(text);

        var first = pool.Get(bytes);
        var second = pool.Get(bytes.ToArray());

        Assert.Equal(text, first);
        Assert.Same(first, second);
    }

    [Fact]
    public void Get_InvalidUtf8_DecodesWithReplacementCharactersAndPoolsThem()
    {
        var pool = new Utf8StringPool();
        byte[] bytes = [(byte)'a', 0xFF, (byte)'b'];

        var first = pool.Get(bytes);

        Assert.Equal("a\uFFFDb", first);
        Assert.Same(first, pool.Get(bytes));
    }

    [Fact]
    public void Get_ManyDistinctValues_EachComesBackAsItsOwnText()
    {
        // More values than slots: a slot that holds another value must never be returned for this one.
        var pool = new Utf8StringPool();
        for (var i = 0; i < 100_000; i++)
        {
            var text = $"203.0.{i / 256 % 256}.{i % 256}-{i}";
            Assert.Equal(text, pool.Get(Encoding.UTF8.GetBytes(text)));
        }
    }
}
