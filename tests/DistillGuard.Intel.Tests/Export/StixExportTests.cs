using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Core.Findings;
using DistillGuard.Intel.Export;
using DistillGuard.Intel.Stix;
using DistillGuard.Intel.Validation;

namespace DistillGuard.Intel.Tests.Export;

public sealed class StixExportTests
{
    [Fact]
    public void ToJson_Campaign_IsValidSelfContainedStix()
    {
        using var document = JsonDocument.Parse(BundleFixture.Json());

        var violations = StixValidator.Validate(document.RootElement, new StixValidationOptions { RequireResolvableReferences = true });

        Assert.Empty(violations);
    }

    [Fact]
    public void ToJson_SameFindingsTwice_ByteIdenticalWhateverTheClock()
    {
        var first = StixExport.ToJson(TestFindings.Create(), BundleFixture.Options());
        var later = TestFindings.Create();
        later.GeneratedAt = later.GeneratedAt.AddDays(3);

        var second = StixExport.ToJson(later, BundleFixture.Options());

        Assert.Equal(first, second);
    }

    [Fact]
    public void ToJson_Campaign_HasNetworkAndSignUpIndicatorsWithPatterns()
    {
        var bundle = BundleFixture.Bundle();

        var patterns = BundleFixture.OfType(bundle, "indicator").Select(i => (string)i["pattern"]!).ToList();

        Assert.Contains("[ipv4-addr:value = '203.0.113.0/24']", patterns);
        Assert.Contains("[ipv6-addr:value = '2001:db8:5::/48']", patterns);
        Assert.Contains("[ipv4-addr:value = '198.51.100.23']", patterns);
        Assert.Contains("[autonomous-system:number = 64500]", patterns);
        Assert.Contains("[autonomous-system:number = 64511]", patterns);
        Assert.Contains("[domain-name:value = 'mail51a1.com']", patterns); // the operator's sign-up domain
        Assert.DoesNotContain("[ipv4-addr:value = '203.0.113.7']", patterns); // covered by its /24
        Assert.Equal(6, patterns.Count);
    }

    [Fact]
    public void ToJson_TwoRelatedCampaigns_OneRelatedToRelationshipNamingWhatTheyShare()
    {
        var findings = TestFindings.Create();
        var other = TestFindings.Campaign();
        other.CampaignId = "cmp_0002";
        other.FirstSeen = TestFindings.FirstSeen.AddDays(3);
        SharedIndicator block = new() { Kind = "ip_block", Value = "203.0.113.0/24" };
        findings.Campaigns[0].RelatedCampaigns = [new() { CampaignId = "cmp_0002", Shared = [block] }];
        other.RelatedCampaigns = [new() { CampaignId = "cmp_0001", Shared = [block] }];
        findings.Campaigns.Add(other);

        var bundle = JsonNode.Parse(StixExport.ToJson(findings, BundleFixture.Options()))!.AsObject();
        var alone = JsonNode.Parse(StixExport.ToJson(findings, BundleFixture.Options(o => o.CampaignIds = ["cmp_0002"])))!.AsObject();

        var campaigns = BundleFixture.OfType(bundle, "campaign").ToDictionary(c => (string)c["aliases"]![0]!, c => (string)c["id"]!);
        var related = Assert.Single(BundleFixture.OfType(bundle, "relationship"), r => (string)r["relationship_type"]! == "related-to");
        Assert.Equal(campaigns["cmp_0001"], (string)related["source_ref"]!);
        Assert.Equal(campaigns["cmp_0002"], (string)related["target_ref"]!);
        Assert.Contains("share: ip block 203.0.113.0/24", (string)related["description"]!, StringComparison.Ordinal);
        using var document = JsonDocument.Parse(bundle.ToJsonString());
        Assert.Empty(StixValidator.Validate(document.RootElement, new StixValidationOptions { RequireResolvableReferences = true }));
        Assert.DoesNotContain(BundleFixture.OfType(alone, "relationship"), r => (string)r["relationship_type"]! == "related-to");
    }

    [Fact]
    public void ToJson_Campaign_ReferencesAtlasTechniquesThroughUsesRelationships()
    {
        var bundle = BundleFixture.Bundle();
        var campaignId = (string)BundleFixture.First(bundle, "campaign").Object["id"]!;

        var techniques = BundleFixture.OfType(bundle, "attack-pattern")
            .ToDictionary(a => (string)a["external_references"]![0]!["external_id"]!, a => (string)a["id"]!);
        var uses = BundleFixture.OfType(bundle, "relationship")
            .Where(r => (string)r["relationship_type"]! == "uses" && (string)r["source_ref"]! == campaignId)
            .Select(r => (string)r["target_ref"]!).ToList();

        Assert.Equal(["AML.T0024.002", "AML.T0040"], techniques.Keys.Order());
        Assert.Equal("Extract AI Model", (string)BundleFixture.First(bundle, "attack-pattern", a => (string)a["id"]! == techniques["AML.T0024.002"]).Object["name"]!);
        Assert.Contains(techniques["AML.T0024.002"], uses);
        Assert.Contains(techniques["AML.T0040"], uses);
        Assert.Contains(uses, id => id.StartsWith("infrastructure--", StringComparison.Ordinal));
    }

    [Fact]
    public void ToJson_EveryIndicatorAndFingerprint_IndicatesTheCampaign()
    {
        var bundle = BundleFixture.Bundle();
        var campaignId = (string)BundleFixture.First(bundle, "campaign").Object["id"]!;
        var indicates = BundleFixture.OfType(bundle, "relationship")
            .Where(r => (string)r["relationship_type"]! == "indicates" && (string)r["target_ref"]! == campaignId)
            .Select(r => (string)r["source_ref"]!).ToHashSet();

        var sources = BundleFixture.OfType(bundle, "indicator").Concat(BundleFixture.OfType(bundle, FingerprintExtension.ObjectType)).Select(o => (string)o["id"]!).ToList();

        Assert.Equal(9, sources.Count); // 6 indicators + payment, template, client fingerprints
        Assert.All(sources, id => Assert.Contains(id, indicates));
    }

    [Fact]
    public void ToJson_SignUpDomain_IndicatesTheCampaignButNotTheProxyNetwork()
    {
        var bundle = BundleFixture.Bundle();
        var domain = (string)BundleFixture.First(bundle, "indicator", i => ((string)i["pattern"]!).StartsWith("[domain-name:", StringComparison.Ordinal)).Object["id"]!;
        var block = (string)BundleFixture.First(bundle, "indicator", i => (string)i["pattern"]! == "[ipv4-addr:value = '203.0.113.0/24']").Object["id"]!;

        var targets = BundleFixture.OfType(bundle, "relationship").Where(r => (string)r["relationship_type"]! == "indicates")
            .GroupBy(r => (string)r["source_ref"]!).ToDictionary(g => g.Key, g => g.Select(r => ((string)r["target_ref"]!).Split("--")[0]).Order().ToList());

        Assert.Equal(["campaign"], targets[domain]);
        Assert.Equal(["campaign", "infrastructure"], targets[block]);
    }

    [Fact]
    public void ToJson_Campaign_SightingsCarryCountsAndLogTimes()
    {
        var bundle = BundleFixture.Bundle();
        var campaign = BundleFixture.First(bundle, "campaign").Object;
        var block = BundleFixture.First(bundle, "indicator", i => (string)i["pattern"]! == "[ipv4-addr:value = '203.0.113.0/24']").Object;

        var sightings = BundleFixture.OfType(bundle, "sighting").ToDictionary(s => (string)s["sighting_of_ref"]!);

        Assert.Equal(131_022, (int)sightings[(string)campaign["id"]!]["count"]!);
        Assert.Equal(90_000, (int)sightings[(string)block["id"]!]["count"]!);
        Assert.Equal("2026-04-22T03:14:07.000Z", (string)sightings[(string)campaign["id"]!]["first_seen"]!);
        Assert.Equal("2026-06-05T22:10:00.000Z", (string)sightings[(string)campaign["id"]!]["last_seen"]!);
        Assert.Equal("2026-04-22T09:14:07.000Z", (string)campaign["created"]!); // detected_at, log time
        Assert.Equal("2026-09-03T22:10:00.000Z", (string)block["valid_until"]!); // last seen + 90 days
    }

    [Theory]
    [InlineData(TlpLevel.Green, TlpMarkings.GreenId)]
    [InlineData(TlpLevel.Amber, TlpMarkings.AmberId)]
    [InlineData(TlpLevel.Red, TlpMarkings.RedId)]
    public void ToJson_Tlp_MarksEverySharedObjectWithThePredefinedMarking(TlpLevel level, string markingId)
    {
        var bundle = BundleFixture.Bundle(o => o.Tlp = level);

        var markings = BundleFixture.OfType(bundle, "marking-definition").ToList();
        var shared = BundleFixture.Objects(bundle).Where(o => (string)o["id"]! != FingerprintExtension.Id && (string)o["id"]! != FingerprintExtension.AuthorId
            && (string)o["type"]! != "marking-definition" && (string)o["type"]! != "attack-pattern").ToList();

        var marking = Assert.Single(markings);
        Assert.Equal(markingId, (string)marking["id"]!);
        Assert.Equal(level.ToString().ToLowerInvariant(), (string)marking["definition"]!["tlp"]!);
        Assert.True(shared.Count > 20);
        Assert.All(shared, o => Assert.Equal([markingId], o["object_marking_refs"]!.AsArray().Select(m => (string)m!)));
    }

    [Fact]
    public void ToJson_WithoutIncludePrompts_HasNoPromptText()
    {
        var json = BundleFixture.Json();

        Assert.DoesNotContain("CUSTOMER-SECRET-42", json, StringComparison.Ordinal);
        Assert.Empty(BundleFixture.OfType(JsonNode.Parse(json)!.AsObject(), "note"));
    }

    [Fact]
    public void ToJson_WithIncludePrompts_AddsNoteWithExamplePrompts()
    {
        var bundle = BundleFixture.Bundle(o => o.IncludePrompts = true);

        var note = Assert.Single(BundleFixture.OfType(bundle, "note"));

        Assert.Contains(TestFindings.SecretPrompt, (string)note["content"]!, StringComparison.Ordinal);
        Assert.Equal((string)BundleFixture.First(bundle, "campaign").Object["id"]!, (string)note["object_refs"]![0]!);
    }

    [Fact]
    public void ToJson_Fingerprints_AreSaltedHashesAPeerCanRecompute()
    {
        var json = BundleFixture.Json();
        var bundle = JsonNode.Parse(json)!.AsObject();

        var payment = BundleFixture.First(bundle, FingerprintExtension.ObjectType, f => (string)f["fingerprint_type"]! == "payment-instrument").Object;
        var client = BundleFixture.First(bundle, FingerprintExtension.ObjectType, f => (string)f["fingerprint_type"]! == "client").Object;
        var template = BundleFixture.First(bundle, FingerprintExtension.ObjectType, f => (string)f["fingerprint_type"]! == "prompt-template").Object;
        var salt = Convert.FromHexString((string)payment["hmac_salt"]!);

        Assert.DoesNotContain("pf_9c1e", json, StringComparison.Ordinal);
        Assert.DoesNotContain(TestFindings.UserAgent, json, StringComparison.Ordinal);
        Assert.Equal(16, salt.Length);
        Assert.Contains(Hex(salt, "pf_9c1e"), payment["values"]!.AsArray().Select(v => (string)v!));
        Assert.Contains(Hex(salt, TestFindings.UserAgent + "|" + TestFindings.Tls), client["values"]!.AsArray().Select(v => (string)v!));
        Assert.Contains(Hex(salt, "9c1e44aa0123beef"), template["values"]!.AsArray().Select(v => (string)v!));
        Assert.Equal("new-sdo", (string)payment["extensions"]![FingerprintExtension.Id]!["extension_type"]!);
    }

    [Fact]
    public void ToJson_DifferentCampaigns_GetDifferentSalts()
    {
        var other = TestFindings.Create();
        other.Campaigns[0].AccountIds.Add("acct_new");

        var a = BundleFixture.First(BundleFixture.Bundle(), FingerprintExtension.ObjectType).Object;
        var b = BundleFixture.First(JsonNode.Parse(StixExport.ToJson(other, BundleFixture.Options()))!.AsObject(), FingerprintExtension.ObjectType).Object;

        Assert.NotEqual((string)a["hmac_salt"]!, (string)b["hmac_salt"]!);
    }

    private static string Hex(byte[] salt, string value) =>
        Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(salt, Encoding.UTF8.GetBytes(value)));
}
