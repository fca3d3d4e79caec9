using DistillGuard.Intel.Patterns;

namespace DistillGuard.Intel.Tests.Patterns;

public sealed class StixPatternParserTests
{
    [Theory]
    [InlineData("[ipv4-addr:value = '203.0.113.0/24']")]
    [InlineData("[ipv6-addr:value = '2001:db8::/48']")]
    [InlineData("[autonomous-system:number = 64500]")]
    [InlineData("[ipv4-addr:value ISSUBSET '198.51.100.0/24']")]
    [InlineData("[file:hashes.'SHA-256' = 'ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c']")]
    [InlineData("[network-traffic:dst_ref.type = 'ipv4-addr' AND network-traffic:dst_port != 80]")]
    [InlineData("[email-message:from_ref.value MATCHES '.+\\\\@example\\\\.com$'] AND [file:name NOT LIKE 'a%']")]
    [InlineData("([ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [domain-name:value = 'x.example']) WITHIN 300 SECONDS")]
    [InlineData("[x509-certificate:extensions.'x-ext'.list[*] = 'a'] REPEATS 5 TIMES")]
    [InlineData("[url:value = 'http://x.example/'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'")]
    [InlineData("[ipv4-addr:value IN ('1.2.3.4', '5.6.7.8')]")]
    [InlineData("[artifact:payload_bin = b'ZXhhbXBsZQ==' OR artifact:hashes.MD5 = h'0aff']")]
    [InlineData("[process:pid > 4 AND process:name = 'init']")]
    [InlineData("[user-account:is_privileged = true]")]
    [InlineData("[windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\Software' OR EXISTS windows-registry-key:values]")]
    public void Parse_ValidPattern_Succeeds(string pattern) => Assert.NotNull(StixPatternParser.Parse(pattern));

    [Theory]
    [InlineData("ipv4-addr:value = '1.2.3.4'", "expected '[' or '(' starting an observation expression", 1)]
    [InlineData("[ipv4-addr:value = '1.2.3.4'", "expected ']' closing the observation", 29)]
    [InlineData("[ipv4-addr:value = '1.2.3.4]", "string literal is not closed", 20)]
    [InlineData("[ipv4-addr:value == ]", "expected a literal but found ']'", 21)]
    [InlineData("[ipv4-addr:value ~ '1.2.3.4']", "unexpected character '~'", 18)]
    [InlineData("[ipv4-addr:value = '1' AND domain-name:value = 'x']", "must use one object type", 1)]
    [InlineData("[ipv4-addr = '1.2.3.4']", "expected ':' after object type 'ipv4-addr'", 12)]
    [InlineData("[ipv4-addr:value LIKE 5]", "expected a string after LIKE", 23)]
    [InlineData("[ipv4-addr:value = '1'] WITHIN 0 SECONDS", "WITHIN needs a positive number of seconds", 32)]
    [InlineData("[url:value = 'x'] START t'2016-07-01T00:00:00Z' STOP t'2016-06-01T00:00:00Z'", "START before STOP", 25)]
    [InlineData("[file:created = t'2016-13-01T00:00:00Z']", "is not a STIX timestamp", 17)]
    [InlineData("[artifact:hashes.MD5 = h'abc']", "even number of hex digits", 24)]
    [InlineData("[ipv4-addr:value = '1'] [ipv4-addr:value = '2']", "AND, OR, FOLLOWEDBY or the end of the pattern", 25)]
    [InlineData("[ipv4-addr:value = 'a\\b']", "a backslash in a string may only escape", 22)]
    public void Parse_InvalidPattern_ThrowsWithPosition(string pattern, string message, int character)
    {
        var ex = Assert.Throws<PatternSyntaxException>(() => StixPatternParser.Parse(pattern));

        Assert.Contains(message, ex.Message, StringComparison.Ordinal);
        Assert.Equal(character, ex.Position + 1);
    }

    [Fact]
    public void Parse_OrOfObservations_KeepsStructure()
    {
        var root = StixPatternParser.Parse("[ipv4-addr:value = '1.2.3.4'] OR [autonomous-system:number = 64500]");

        var compound = Assert.IsType<ObservationCompound>(root);
        Assert.Equal("OR", compound.Operator);
        var second = Assert.IsType<ComparisonTest>(Assert.IsType<Observation>(compound.Terms[1]).Comparison);
        Assert.Equal(("autonomous-system", "number", "=", "64500"), (second.ObjectType, second.Path, second.Operator, second.Values[0].Text));
    }

    [Fact]
    public void Parse_EscapedQuote_DecodesString()
    {
        var root = StixPatternParser.Parse("[file:name = 'it\\'s']");

        var test = Assert.IsType<ComparisonTest>(Assert.IsType<Observation>(root).Comparison);
        Assert.Equal("it's", test.Values[0].Text);
    }
}
