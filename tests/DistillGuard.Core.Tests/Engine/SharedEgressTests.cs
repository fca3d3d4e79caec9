using System.Net;
using DistillGuard.Core.Engine;

namespace DistillGuard.Core.Tests.Engine;

public sealed class SharedEgressTests
{
    [Theory]
    [InlineData("76.76.21.0/24", "76.76.21.200", true)]
    [InlineData("76.76.21.0/24", "76.76.22.1", false)]
    [InlineData("76.76.20.0/22", "76.76.23.9", true)]
    [InlineData("76.76.20.0/22", "76.76.24.9", false)]
    [InlineData("76.76.21.9/24", "76.76.21.1", true)]
    [InlineData("76.76.21.9", "76.76.21.77", true)]
    [InlineData("2001:db8:40::/44", "2001:db8:4f:1::1", true)]
    [InlineData("2001:db8:40::/44", "2001:db8:50::1", false)]
    public void Contains_AddressInAListedNetwork_MatchesItsBlock(string network, string address, bool expected)
    {
        var egress = SharedEgress.From([network]);

        Assert.Equal(expected, egress.Contains(IpBlocks.BlockHash(address)));
    }

    [Fact]
    public void From_APrefixWiderThanABlock_ListsEveryBlockItCovers()
    {
        Assert.Equal(4, SharedEgress.From(["76.76.20.0/22"]).Blocks);
        Assert.Equal(16, SharedEgress.From(["2001:db8:40::/44"]).Blocks);
        Assert.Equal(1, SharedEgress.From(["76.76.21.5/30"]).Blocks);
        Assert.False(SharedEgress.From([]).Contains(IpBlocks.BlockHash("76.76.21.1")));
    }

    [Theory]
    [InlineData("vercel", "not an IP address or CIDR block")]
    [InlineData("76.76.21.0/33", "prefix longer than /32")]
    [InlineData("10.0.0.0/8", "wider than /12")]
    [InlineData("2001:db8::/32", "wider than /36")]
    public void Validate_ABadEntry_NamesItAndWhy(string network, string why)
    {
        var options = new DetectionOptions { SharedEgress = ["76.76.21.0/24", network] };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains($"'{network}'", error.Message, StringComparison.Ordinal);
        Assert.Contains(why, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void V4BlockHash_SameAsTheAddressesOfThatBlock()
    {
        Assert.Equal(IpBlocks.BlockHash("203.0.113.7"), IpBlocks.V4BlockHash(203, 0, 113));
        Assert.Equal(IpBlocks.BlockHash("1.2.3.4"), IpBlocks.V4BlockHash(1, 2, 3));
        Assert.Equal(IpBlocks.BlockHash("2001:db8:1:2::1"), IpBlocks.V6BlockHash(IPAddress.Parse("2001:db8:1::").GetAddressBytes()));
    }
}
