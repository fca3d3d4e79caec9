using System.Text.Json.Nodes;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Tests.Validation;

/// <summary>Peers' bundles that break STIX 2.1 are rejected with the file, object and property named.</summary>
public sealed class MalformedBundleTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    public void Dispose() => _temp.Dispose();

    public static TheoryData<string> Cases => [.. Breakers.Keys];

    private static readonly Dictionary<string, (Action<JsonObject> Break, string Type, string Property, string Message)> Breakers = new()
    {
        ["indicator without valid_from"] = (b => Indicator(b).Remove("valid_from"), "indicator", "valid_from", "missing required property of indicator"),
        ["indicator with broken pattern"] = (b => Indicator(b)["pattern"] = "[ipv4-addr:value = '203.0.113.0/24'", "indicator", "pattern", "not a valid STIX pattern: at character 36: expected ']' closing the observation but found end of pattern"),
        ["valid_until before valid_from"] = (b => Indicator(b)["valid_until"] = "2020-01-01T00:00:00.000Z", "indicator", "valid_until", "must be later than valid_from"),
        ["id prefix differs from type"] = (b => BundleFixture.First(b, "campaign").Object["type"] = "intrusion-set", "campaign", "id", "prefix 'campaign' does not match type 'intrusion-set'"),
        ["created is a date only"] = (b => Indicator(b)["created"] = "2026-04-22", "indicator", "created", "is not a STIX timestamp"),
        ["created without milliseconds"] = (b => Indicator(b)["created"] = "2026-04-22T09:14:07Z", "indicator", "created", "must be precise to the millisecond"),
        ["spec_version 2.0"] = (b => Indicator(b)["spec_version"] = "2.0", "indicator", "spec_version", "must be \"2.1\""),
        ["confidence out of range"] = (b => Indicator(b)["confidence"] = 150, "indicator", "confidence", "integer from 0 to 100"),
        ["created_by_ref to an indicator"] = (b => BundleFixture.First(b, "campaign").Object["created_by_ref"] = (string)Indicator(b)["id"]!, "campaign", "created_by_ref", "may not point to a indicator"),
        ["relationship to a marking"] = (b => BundleFixture.First(b, "relationship").Object["target_ref"] = TlpMarkings.AmberId, "relationship", "target_ref", "not a marking-definition"),
        ["sighting count negative"] = (b => BundleFixture.First(b, "sighting").Object["count"] = -1, "sighting", "count", "integer from 0 to 999999999"),
        ["TLP id with wrong colour"] = (b => BundleFixture.First(b, "marking-definition").Object["definition"] = new JsonObject { ["tlp"] = "white" }, "marking-definition", "definition", "is TLP:AMBER"),
        ["fingerprint value not a digest"] = (b => BundleFixture.First(b, FingerprintExtension.ObjectType).Object["values"] = new JsonArray("pf_9c1e"), FingerprintExtension.ObjectType, "values[0]", "64 lowercase hex digits"),
        ["fingerprint without salt"] = (b => BundleFixture.First(b, FingerprintExtension.ObjectType).Object.Remove("hmac_salt"), FingerprintExtension.ObjectType, "hmac_salt", "required with hmac-sha256"),
        ["extension-definition without schema"] = (b => BundleFixture.First(b, "extension-definition").Object.Remove("schema"), "extension-definition", "schema", "missing required property"),
        ["ipv4-addr with a bad address"] = (b => Add(b, new JsonObject { ["type"] = "ipv4-addr", ["id"] = "ipv4-addr--ff26c055-6336-5bc5-b98d-13d6226742dd", ["value"] = "300.1.2.3" }), "ipv4-addr", "value", "not an IPv4 address"),
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Load_BrokenObject_RejectedNamingFileObjectAndProperty(string name)
    {
        var (breakIt, type, property, message) = Breakers[name];
        var bundle = BundleFixture.Bundle();
        breakIt(bundle);
        var path = Write(bundle.ToJsonString());

        var ex = Assert.Throws<InvalidDataException>(() => StixIntel.Load([path]));

        Assert.StartsWith(path + ": not a valid STIX 2.1 bundle", ex.Message, StringComparison.Ordinal);
        var line = ex.Message.Split('\n').Skip(1).FirstOrDefault(l => l.Contains($"property '{property}'", StringComparison.Ordinal));
        Assert.True(line is not null, ex.Message);
        Assert.Matches(@"objects\[\d+\] \(" + type + "--", line.Trim());
        Assert.Contains(message, line, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotJson_RejectedWithLine()
    {
        var path = Write("{\n  \"type\": \"bundle\",\n  \"id\": oops\n}");

        var ex = Assert.Throws<InvalidDataException>(() => StixIntel.Load([path]));

        Assert.StartsWith(path + ":3: not valid JSON", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_Stix20Bundle_RejectedAtBundleLevel()
    {
        var bundle = BundleFixture.Bundle();
        bundle["spec_version"] = "2.0";
        var path = Write(bundle.ToJsonString());

        var ex = Assert.Throws<InvalidDataException>(() => StixIntel.Load([path]));

        Assert.Contains("bundle: property 'spec_version': a STIX 2.1 bundle has no spec_version", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_NotABundle_Rejected()
    {
        var path = Write("""{"type": "indicator", "id": "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f"}""");

        var ex = Assert.Throws<InvalidDataException>(() => StixIntel.Load([path]));

        Assert.Contains("bundle: property 'type': must be \"bundle\"", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingFile_ThrowsFileNotFound()
    {
        Assert.Throws<FileNotFoundException>(() => StixIntel.Load([_temp.File("absent.json")]));
    }

    [Fact]
    public void Validate_StrictReferences_NamesDanglingReference()
    {
        var bundle = BundleFixture.Bundle();
        var objects = bundle["objects"]!.AsArray();
        var campaign = BundleFixture.First(bundle, "campaign");
        objects.RemoveAt(campaign.Index);
        using var document = System.Text.Json.JsonDocument.Parse(bundle.ToJsonString());

        var violations = DistillGuard.Intel.Validation.StixValidator.Validate(document.RootElement, new() { RequireResolvableReferences = true });

        Assert.Contains(violations, v => v.Property == "target_ref" && v.Message.Contains((string)campaign.Object["id"]! + ", which is not in the bundle", StringComparison.Ordinal));
    }

    private static JsonObject Indicator(JsonObject bundle) => BundleFixture.First(bundle, "indicator").Object;

    private static void Add(JsonObject bundle, JsonObject obj) => bundle["objects"]!.AsArray().Add(obj);

    private string Write(string json)
    {
        var path = _temp.File("peer.json");
        File.WriteAllText(path, json);
        return path;
    }
}
