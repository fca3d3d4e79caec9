using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Core.Findings;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Export;

/// <summary>
/// Builds one bundle. Ids are UUIDv5 of content and every timestamp comes from the findings' log times (or fixed
/// constants for shared definitions), never the clock, so the output is a pure function of findings + options.
/// </summary>
internal sealed partial class StixBundleBuilder
{
    /// <summary>When shared definitions (producer identity, ATLAS attack patterns) were first defined; fixed so they never change id or version.</summary>
    private const string DefinitionsCreated = FingerprintExtension.Created;

    private readonly FindingsDocument _findings;
    private readonly StixExportOptions _options;
    private readonly List<JsonObject> _objects = [];
    private readonly string _producerId;
    private readonly string _marking;
    private readonly byte[] _salt;
    private readonly string _saltHex;
    private readonly Dictionary<string, string> _attackPatternIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CampaignScope> _scopes = new(StringComparer.Ordinal);

    public StixBundleBuilder(FindingsDocument findings, StixExportOptions options)
    {
        _findings = findings;
        _options = options;
        _producerId = StixIds.Create("identity", options.Producer);
        _marking = TlpMarkings.IdOf(options.Tlp);
        _salt = options.Salt ?? DeriveSalt(SelectedCampaigns(), options.Producer);
        _saltHex = Convert.ToHexStringLower(_salt);
    }

    public JsonObject Build()
    {
        AddSharedDefinitions();
        foreach (var campaign in SelectedCampaigns())
        {
            AddCampaign(campaign);
        }

        RelateCampaigns();

        var objects = new JsonArray();
        var idText = new StringBuilder();
        foreach (var obj in _objects)
        {
            idText.Append((string)obj["id"]!).Append('|').Append((string?)obj["modified"]).Append('\n');
            objects.Add((JsonNode)obj);
        }

        return new JsonObject
        {
            ["type"] = "bundle",
            ["id"] = "bundle--" + StixIds.UuidV5(StixIds.Namespace, "bundle|" + idText),
            ["objects"] = objects,
        };
    }

    private List<CampaignFinding> SelectedCampaigns()
    {
        var selected = new List<CampaignFinding>();
        foreach (var campaign in _findings.Campaigns)
        {
            if (_options.CampaignIds.Count == 0 || _options.CampaignIds.Contains(campaign.CampaignId, StringComparer.Ordinal))
            {
                selected.Add(campaign);
            }
        }

        return selected;
    }

    /// <summary>A salt that depends on what is shared, so two exports of different campaigns cannot be linked by equal hashes.</summary>
    private static byte[] DeriveSalt(List<CampaignFinding> campaigns, string producer)
    {
        var text = new StringBuilder("distillguard.stix.salt/v1\n").Append(producer).Append('\n');
        foreach (var campaign in campaigns)
        {
            text.Append(campaign.CampaignId).Append('|').Append(StixTimestamp.Format(campaign.FirstSeen)).Append('|');
            text.AppendJoin(',', campaign.AccountIds).Append('\n');
        }

        return SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()))[..FingerprintHasher.SaltBytes];
    }

    private void AddSharedDefinitions()
    {
        _objects.Add(Marked(new JsonObject
        {
            ["type"] = "identity",
            ["spec_version"] = "2.1",
            ["id"] = _producerId,
            ["created"] = DefinitionsCreated,
            ["modified"] = DefinitionsCreated,
            ["name"] = _options.Producer,
            ["identity_class"] = "organization",
            ["sectors"] = new JsonArray("technology"),
        }));
        if (_producerId != FingerprintExtension.AuthorId)
        {
            _objects.Add(FingerprintExtension.CreateAuthor());
        }

        _objects.Add(TlpMarkings.Create(_options.Tlp));
        _objects.Add(FingerprintExtension.CreateDefinition());
        foreach (var technique in AtlasTechniques.All)
        {
            var id = StixIds.Create("attack-pattern", "mitre-atlas|" + technique.Id);
            _attackPatternIds[technique.Id] = id;
            _objects.Add(new JsonObject
            {
                ["type"] = "attack-pattern",
                ["spec_version"] = "2.1",
                ["id"] = id,
                ["created_by_ref"] = FingerprintExtension.AuthorId,
                ["created"] = DefinitionsCreated,
                ["modified"] = DefinitionsCreated,
                ["name"] = technique.Name,
                ["description"] = technique.Description,
                ["external_references"] = new JsonArray(new JsonObject
                {
                    ["source_name"] = AtlasTechniques.SourceName,
                    ["url"] = technique.Url,
                    ["external_id"] = technique.Id,
                }),
            });
        }
    }

    /// <summary>Adds the producer, the TLP marking and the given properties in a fixed order.</summary>
    private JsonObject Sdo(string type, string id, DateTime created, DateTime modified, params (string Name, JsonNode? Value)[] properties)
    {
        var obj = new JsonObject
        {
            ["type"] = type,
            ["spec_version"] = "2.1",
            ["id"] = id,
            ["created_by_ref"] = _producerId,
            ["created"] = StixTimestamp.Format(created),
            ["modified"] = StixTimestamp.Format(modified),
        };
        foreach (var (name, value) in properties)
        {
            if (value is not null)
            {
                obj[name] = value;
            }
        }

        _objects.Add(Marked(obj));
        return obj;
    }

    private JsonObject Marked(JsonObject obj)
    {
        obj["object_marking_refs"] = new JsonArray(_marking);
        return obj;
    }

    private static int Confidence(double value) => (int)Math.Clamp(Math.Round(value * 100, MidpointRounding.AwayFromZero), 0, 100);
}
