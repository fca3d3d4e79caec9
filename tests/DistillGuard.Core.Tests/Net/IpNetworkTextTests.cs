using DistillGuard.Core.Net;

namespace DistillGuard.Core.Tests.Net;

public sealed class IpNetworkTextTests
{
    [Theory]
    [InlineData("10.0.0.0/8", "10.0.0.0/8")]
    [InlineData("10.1.2.3/8", "10.0.0.0/8")]
    [InlineData("76.76.21.9/24", "76.76.21.0/24")]
    [InlineData("76.76.21.5/30", "76.76.21.4/30")]
    [InlineData("203.0.113.7", "203.0.113.7/32")]
    [InlineData(" 203.0.113.0/24 ", "203.0.113.0/24")]
    [InlineData("0.0.0.0/0", "0.0.0.0/0")]
    [InlineData("2001:db8:4f:1::1/44", "2001:db8:40::/44")]
    [InlineData("2001:db8::1", "2001:db8::1/128")]
    public void TryParse_ABlockOrAnAddress_ReadsTheNetworkItsPrefixNames(string text, string expected)
    {
        Assert.True(IpNetworkText.TryParse(text, out var network, out var problem), problem);

        Assert.Equal(expected, network.ToString());
        Assert.Null(problem);
        Assert.Equal(network, IpNetworkText.Parse(text));
    }

    [Theory]
    [InlineData("proxy.internal", "is not an IP address or CIDR block")]
    [InlineData("", "is not an IP address or CIDR block")]
    [InlineData("10.0.0.0/", "is not an IP address or CIDR block")]
    [InlineData("10.0.0.0/-1", "is not an IP address or CIDR block")]
    [InlineData("10.0.0.0/8/8", "is not an IP address or CIDR block")]
    [InlineData("10.0.0.0/ 8", "is not an IP address or CIDR block")]
    [InlineData("10.0.0.0/33", "has a prefix longer than /32")]
    [InlineData("2001:db8::/129", "has a prefix longer than /128")]
    public void TryParse_NotANetwork_SaysWhy(string text, string why)
    {
        Assert.False(IpNetworkText.TryParse(text, out _, out var problem));

        Assert.StartsWith(why, problem, StringComparison.Ordinal);
        var error = Assert.Throws<FormatException>(() => IpNetworkText.Parse(text));
        Assert.Equal($"'{text}' {problem}", error.Message);
    }
}
