using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Tests.Stix;

public sealed class StixIdsTests
{
    [Fact]
    public void UuidV5_Rfc4122DnsNamespaceExample_MatchesKnownValue()
    {
        // Python: uuid.uuid5(uuid.NAMESPACE_DNS, "python.org")
        var uuid = StixIds.UuidV5(new Guid("6ba7b810-9dad-11d1-80b4-00c04fd430c8"), "python.org");

        Assert.Equal("886313e1-3b8a-5372-9b90-0c9aee199e5d", uuid);
    }

    [Fact]
    public void Create_SameContent_SameIdAndParses()
    {
        var a = StixIds.Create("indicator", "x");
        var b = StixIds.Create("indicator", "x");

        Assert.Equal(a, b);
        Assert.NotEqual(a, StixIds.Create("indicator", "y"));
        Assert.True(StixIds.TryParse(a, out var type));
        Assert.Equal("indicator", type);
    }

    [Theory]
    [InlineData("indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3")]   // short
    [InlineData("indicator-8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")]   // single hyphen
    [InlineData("indicator--8E2E2D2B-17D4-4CBF-938F-98EE46B3CD3F")]  // upper case
    [InlineData("indicator--8e2e2d2b-17d4-4cbf-c38f-98ee46b3cd3f")]  // not the RFC 4122 variant
    [InlineData("Indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")]  // type not lower case
    public void TryParse_Malformed_ReturnsFalse(string id) => Assert.False(StixIds.TryParse(id, out _));

    [Theory]
    [InlineData("2026-04-22T03:14:07Z", 0)]
    [InlineData("2026-04-22T03:14:07.123Z", 3)]
    [InlineData("2016-05-12T08:17:27.000000Z", 6)]
    public void TryParse_ValidTimestamp_ReportsPrecision(string text, int digits)
    {
        Assert.True(StixTimestamp.TryParse(text, out _, out var precision));
        Assert.Equal(digits, precision);
    }

    [Theory]
    [InlineData("2026-04-22T03:14:07+00:00")]
    [InlineData("2026-04-22 03:14:07Z")]
    [InlineData("2026-02-30T00:00:00Z")]
    [InlineData("2026-04-22T03:14:07.Z")]
    public void TryParse_InvalidTimestamp_ReturnsFalse(string text) => Assert.False(StixTimestamp.TryParse(text, out _, out _));
}
