using System.Text.Json.Nodes;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Intel;
using DistillGuard.Core.Log;
using DistillGuard.Core.Tests.Infrastructure;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Tests.Import;

public sealed class StixIntelTests : IDisposable
{
    private static readonly DateTime During = new(2026, 7, 1, 0, 0, 0, DateTimeKind.Utc);
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("203.0.113.99", "ip_block")]
    [InlineData("198.51.100.23", "ip")]
    [InlineData("2001:db8:5:1::9", "ip_block")]
    [InlineData("::ffff:203.0.113.5", "ip_block")]
    public void MatchExchange_SharedAddress_MatchesWithSourceAndConfidence(string ip, string kind)
    {
        var matcher = Load();

        var match = matcher.MatchExchange(Exchange(ip: ip), default);

        Assert.NotNull(match);
        Assert.Equal(kind, match.Kind);
        Assert.Equal("Example AI Provider", match.Source);
        Assert.StartsWith("indicator--", match.IndicatorId, StringComparison.Ordinal);
        Assert.Equal(kind == "ip" ? 0.9 : 0.72, match.Confidence, 3);
        Assert.Contains("used by distillation campaign cmp_0001' (indicator--", match.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void MatchExchange_SharedAsn_MatchesAsAsn()
    {
        var match = Load().MatchExchange(Exchange(ip: "192.0.2.1", asn: 64500), default);

        Assert.Equal(("asn", 0.45), (match?.Kind, match?.Confidence));
    }

    [Fact]
    public void MatchExchange_SameTemplateId_MatchesThroughSaltedHash()
    {
        var match = Load().MatchExchange(Exchange(ip: "192.0.2.1"), new ExchangeFeatures { TemplateId = TestFindings.TemplateId });

        Assert.Equal("template", match?.Kind);
        Assert.Equal(0.81, match!.Confidence, 3);
    }

    [Fact]
    public void MatchExchange_SameClientFingerprint_Matches()
    {
        var exchange = Exchange(ip: "192.0.2.1");
        exchange.UserAgent = TestFindings.UserAgent;
        exchange.TlsFingerprint = TestFindings.Tls;

        var match = Load().MatchExchange(exchange, default);

        Assert.Equal("client_fingerprint", match?.Kind);
    }

    [Fact]
    public void MatchExchange_OtherTraffic_NoMatch()
    {
        var exchange = Exchange(ip: "192.0.2.1", asn: 65000);
        exchange.UserAgent = TestFindings.UserAgent; // same UA, other TLS: a different client fingerprint
        exchange.TlsFingerprint = "other";

        var match = Load().MatchExchange(exchange, new ExchangeFeatures { TemplateId = TestFindings.TemplateId + 1 });

        Assert.Null(match);
    }

    [Fact]
    public void MatchExchange_AfterValidUntil_Ignored()
    {
        var matcher = Load();
        var expired = Exchange(ip: "203.0.113.99");
        expired.Timestamp = TestFindings.LastSeen.AddDays(91);

        Assert.Null(matcher.MatchExchange(expired, new ExchangeFeatures { TemplateId = TestFindings.TemplateId }));
        Assert.Null(matcher.MatchAccount(new AccountRecord { AccountId = "a", PaymentFingerprint = "pf_9c1e" }, expired.Timestamp));
    }

    [Fact]
    public void MatchAccount_SharedPaymentFingerprint_MatchesWithFullConfidence()
    {
        var matcher = Load();

        var match = matcher.MatchAccount(new AccountRecord { AccountId = "acct_x", PaymentFingerprint = "pf_0a17" }, During);

        Assert.Equal(("payment", 0.9), (match?.Kind, match?.Confidence));
        Assert.Null(matcher.MatchAccount(new AccountRecord { AccountId = "acct_y", PaymentFingerprint = "pf_other" }, During));
    }

    [Fact]
    public void MatchAccount_SignUpDomainOfAPeersCampaign_MatchesAsEmailDomain()
    {
        var matcher = Load();

        var match = matcher.MatchAccount(new AccountRecord { AccountId = "acct_x", PaymentFingerprint = "pf_other", EmailDomain = "Mail51a1.COM" }, During);

        Assert.Equal(("email_domain", 0.72), (match?.Kind, match?.Confidence));
        Assert.Contains("E-mail domain mail51a1.com used to sign up accounts", match!.Description, StringComparison.Ordinal);
        Assert.Null(matcher.MatchAccount(new AccountRecord { AccountId = "acct_y", EmailDomain = "tinyco.dev" }, During));
        Assert.Equal(1, StixIntel.Describe(matcher)!.EmailDomains);
    }

    [Fact]
    public void Load_PeersDomainIndicatorForAPublicMailProvider_NotMatchedAgainstSignUps()
    {
        var bundle = BundleFixture.Bundle();
        BundleFixture.First(bundle, "indicator").Object["pattern"] = "[domain-name:value = 'gmail.com']";

        var matcher = Load(bundle);

        Assert.Null(matcher.MatchAccount(new AccountRecord { AccountId = "acct_x", EmailDomain = "gmail.com" }, During));
        Assert.Equal(1, StixIntel.Describe(matcher)!.UnsupportedPatterns);
    }

    [Fact]
    public void MatchExchange_Miss_AllocatesNothing()
    {
        var matcher = Load();
        var exchange = Exchange(ip: "192.0.2.1", asn: 65000);
        exchange.UserAgent = "Mozilla/5.0";
        exchange.TlsFingerprint = "t13d";
        var features = new ExchangeFeatures { TemplateId = 42, Sketch = 0x1234 };
        matcher.MatchExchange(exchange, features); // warm up

        var allocated = AllocationProbe.FewestBytesPerWindow(() =>
        {
            for (var i = 0; i < 1000; i++)
            {
                Assert.Null(matcher.MatchExchange(exchange, features));
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void Load_RevokedIndicator_Ignored()
    {
        var bundle = BundleFixture.Bundle();
        var block = BundleFixture.First(bundle, "indicator", i => (string)i["pattern"]! == "[ipv4-addr:value = '203.0.113.0/24']").Object;
        block["revoked"] = true;

        var match = Load(bundle).MatchExchange(Exchange(ip: "203.0.113.99"), default);

        Assert.Null(match);
    }

    [Fact]
    public void Load_PeerPatternsWithSetsAndSubsets_MatchEachValue()
    {
        var bundle = BundleFixture.Bundle();
        var indicator = BundleFixture.First(bundle, "indicator").Object;
        indicator["pattern"] = "[ipv4-addr:value IN ('192.0.2.10', '192.0.2.11')] OR [ipv4-addr:value ISSUBSET '198.18.0.0/15']";

        var matcher = Load(bundle);

        Assert.Equal("ip", matcher.MatchExchange(Exchange(ip: "192.0.2.11"), default)?.Kind);
        Assert.Equal("ip_block", matcher.MatchExchange(Exchange(ip: "198.19.200.1"), default)?.Kind);
    }

    [Fact]
    public void Load_PatternNeedingSeveralObservations_SkippedNotMisread()
    {
        var bundle = BundleFixture.Bundle();
        BundleFixture.First(bundle, "indicator").Object["pattern"] = "[ipv4-addr:value = '192.0.2.10'] AND [autonomous-system:number = 1]";

        var matcher = Load(bundle);

        Assert.Null(matcher.MatchExchange(Exchange(ip: "192.0.2.10", asn: 1), default));
        Assert.Equal(1, StixIntel.Describe(matcher)!.UnsupportedPatterns);
    }

    [Fact]
    public void Load_PromptSketch_MatchesNearDuplicatesWithinDistance()
    {
        var bundle = BundleFixture.Bundle();
        var fingerprint = BundleFixture.First(bundle, FingerprintExtension.ObjectType, f => (string)f["fingerprint_type"]! == "prompt-template").Object;
        fingerprint["fingerprint_type"] = "prompt-sketch";
        fingerprint["algorithm"] = "simhash-64";
        fingerprint.Remove("hmac_salt");
        fingerprint["values"] = new JsonArray("00ff00ff00ff00ff");

        var matcher = Load(bundle);

        Assert.Equal("template", matcher.MatchExchange(Exchange(ip: "192.0.2.1"), new ExchangeFeatures { Sketch = 0x00ff00ff00ff00f8 })?.Kind); // 3 bits off
        Assert.Null(matcher.MatchExchange(Exchange(ip: "192.0.2.1"), new ExchangeFeatures { Sketch = 0x00ff00ff00ff00f0 })); // 4 bits off
    }

    [Fact]
    public void Load_TwoBundles_KeepsBothSources()
    {
        var other = TestFindings.Create();
        other.Campaigns[0].Indicators = new() { Ips = ["192.0.2.77"] };
        var second = _temp.File("peer2.json");
        File.WriteAllText(second, DistillGuard.Intel.Export.StixExport.ToJson(other, BundleFixture.Options(o => o.Producer = "Second Peer")));
        var first = _temp.File("peer1.json");
        File.WriteAllText(first, BundleFixture.Json());

        var matcher = StixIntel.Load([first, second]);

        Assert.Equal("Second Peer", matcher.MatchExchange(Exchange(ip: "192.0.2.77"), default)?.Source);
        Assert.Equal("Example AI Provider", matcher.MatchExchange(Exchange(ip: "198.51.100.23"), default)?.Source);
        Assert.Equal(2, StixIntel.Describe(matcher)!.Bundles);
    }

    private IIntelMatcher Load(JsonObject? bundle = null)
    {
        var path = _temp.File("bundle.json");
        File.WriteAllText(path, bundle?.ToJsonString() ?? BundleFixture.Json());
        return StixIntel.Load([path]);
    }

    private static Exchange Exchange(string ip, int? asn = null) => new()
    {
        Timestamp = During,
        AccountId = "acct_peer_side",
        Ip = ip,
        Asn = asn,
    };
}
