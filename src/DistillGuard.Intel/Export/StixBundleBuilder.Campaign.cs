using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using DistillGuard.Core.Findings;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Export;

/// <summary>The objects of one campaign: campaign, infrastructure, relationships to ATLAS, sightings.</summary>
internal sealed partial class StixBundleBuilder
{
    private void AddCampaign(CampaignFinding campaign)
    {
        var created = campaign.DetectedAt ?? campaign.FirstSeen;
        var modified = campaign.LastSeen > created ? campaign.LastSeen : created;
        var scope = new CampaignScope(
            campaign,
            StixIds.Create("campaign", _options.Producer + "|" + campaign.CampaignId + "|" + StixTimestamp.Format(campaign.FirstSeen)),
            created,
            modified,
            campaign.LastSeen + _options.ValidFor);

        _scopes[campaign.CampaignId] = scope;
        Sdo("campaign", scope.Id, created, modified,
            ("name", "Distillation campaign " + campaign.CampaignId),
            ("description", Describe(campaign)),
            ("aliases", new JsonArray(campaign.CampaignId)),
            ("first_seen", StixTimestamp.Format(campaign.FirstSeen)),
            ("last_seen", StixTimestamp.Format(campaign.LastSeen)),
            ("objective", Objective(campaign)),
            ("confidence", Confidence(campaign.Confidence)));

        foreach (var technique in AtlasTechniques.All)
        {
            Relate(scope, scope.Id, "uses", _attackPatternIds[technique.Id]);
        }

        var infrastructureId = AddInfrastructure(scope);
        AddNetworkIndicators(scope, infrastructureId);
        AddSignUpIndicators(scope);
        AddFingerprints(scope);
        if (_options.IncludePrompts)
        {
            AddPromptNote(scope);
        }

        Sighting(scope, scope.Id, campaign.Exchanges);
    }

    /// <summary>
    /// One <c>related-to</c> relationship for each pair of exported campaigns the findings relate (accounts of both
    /// share a template, IP block or client fingerprint), from the campaign whose id sorts first, naming what they
    /// share: peers see that two operators met on one proxy network or prompt set. Pairs with a campaign left out of
    /// the export are not mentioned.
    /// </summary>
    private void RelateCampaigns()
    {
        foreach (var (campaignId, scope) in _scopes)
        {
            foreach (var related in scope.Campaign.RelatedCampaigns ?? [])
            {
                if (string.CompareOrdinal(campaignId, related.CampaignId) >= 0 || !_scopes.TryGetValue(related.CampaignId, out var other))
                {
                    continue;
                }

                var shared = string.Join("; ", related.Shared.Select(static s => s.Describe()));
                Sdo("relationship", StixIds.Create("relationship", scope.Id + "|related-to|" + other.Id),
                    scope.Created > other.Created ? scope.Created : other.Created,
                    scope.Modified > other.Modified ? scope.Modified : other.Modified,
                    ("relationship_type", "related-to"),
                    ("description", $"Accounts of campaigns {campaignId} and {related.CampaignId}, kept apart as two operators, share: {shared}."),
                    ("source_ref", scope.Id),
                    ("target_ref", other.Id));
            }
        }
    }

    private string? AddInfrastructure(CampaignScope scope)
    {
        var campaign = scope.Campaign;
        var indicators = campaign.Indicators;
        if (indicators.Ips.Count == 0 && indicators.Asns.Count == 0 && (indicators.IpBlocks?.Count ?? 0) == 0)
        {
            return null;
        }

        var id = StixIds.Create("infrastructure", scope.Id + "|proxy-network");
        Sdo("infrastructure", id, scope.Created, scope.Modified,
            ("name", "Proxy network of distillation campaign " + campaign.CampaignId),
            ("description", DescribeInfrastructure(campaign)),
            ("infrastructure_types", new JsonArray("anonymization")),
            ("first_seen", StixTimestamp.Format(campaign.FirstSeen)),
            ("last_seen", StixTimestamp.Format(campaign.LastSeen)));
        Relate(scope, scope.Id, "uses", id);
        return id;
    }

    private void Relate(CampaignScope scope, string source, string type, string target) =>
        Sdo("relationship", StixIds.Create("relationship", source + "|" + type + "|" + target), scope.Created, scope.Modified,
            ("relationship_type", type),
            ("source_ref", source),
            ("target_ref", target));

    private void Sighting(CampaignScope scope, string of, long count) =>
        Sdo("sighting", StixIds.Create("sighting", of + "|" + _producerId), scope.Created, scope.Modified,
            ("sighting_of_ref", of),
            ("count", (int)Math.Min(count, 999_999_999)),
            ("first_seen", StixTimestamp.Format(scope.Campaign.FirstSeen)),
            ("last_seen", StixTimestamp.Format(scope.Campaign.LastSeen)),
            ("where_sighted_refs", new JsonArray(_producerId)));

    private static string Describe(CampaignFinding campaign)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{campaign.Accounts} accounts acting together sent {campaign.Exchanges} exchanges ");
        text.Append(CultureInfo.InvariantCulture, $"between {StixTimestamp.Format(campaign.FirstSeen)} and {StixTimestamp.Format(campaign.LastSeen)}.");
        if (campaign.Capabilities.Count > 0)
        {
            text.Append(" Targeted capabilities: ").AppendJoin(", ", Shares(campaign.Capabilities)).Append('.');
        }

        text.Append(CultureInfo.InvariantCulture, $" Chain-of-thought elicitation in {Percent(campaign.CotElicitationRate)} of prompts.");
        if (campaign.Reasons.Count > 0)
        {
            text.Append(" Evidence: ");
            for (var i = 0; i < campaign.Reasons.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : "; ").Append(campaign.Reasons[i].Detail);
            }

            text.Append('.');
        }

        return text.ToString();
    }

    private static string Objective(CampaignFinding campaign)
    {
        var capabilities = new List<string>();
        foreach (var capability in campaign.Capabilities.Keys)
        {
            capabilities.Add(capability);
            if (capabilities.Count == 3)
            {
                break;
            }
        }

        return capabilities.Count == 0
            ? "Harvest model outputs as training data for a rival model (distillation)."
            : $"Harvest model outputs as training data for a rival model (distillation), targeting {string.Join(", ", capabilities)}.";
    }

    private static string DescribeInfrastructure(CampaignFinding campaign)
    {
        var text = new StringBuilder().Append(CultureInfo.InvariantCulture, $"{campaign.Indicators.Ips.Count} IP addresses");
        text.Append(CultureInfo.InvariantCulture, $" in {campaign.Indicators.IpBlocks?.Count ?? 0} blocks across {campaign.Indicators.Asns.Count} autonomous systems");
        if (campaign.Infrastructure is { } infrastructure)
        {
            if (infrastructure.Asns.Count > 0)
            {
                text.Append(": ");
                for (var i = 0; i < infrastructure.Asns.Count; i++)
                {
                    var asn = infrastructure.Asns[i];
                    text.Append(i == 0 ? string.Empty : ", ").Append(CultureInfo.InvariantCulture, $"AS{asn.Asn} ({asn.Org ?? "unknown org"}, {asn.Type}, {asn.Exchanges} exchanges)");
                }
            }

            if (infrastructure.Countries.Count > 0)
            {
                var countries = new List<string>();
                foreach (var (country, count) in infrastructure.Countries)
                {
                    countries.Add(country + " " + count.ToString(CultureInfo.InvariantCulture));
                }

                text.Append(". Exchanges by country: ").AppendJoin(", ", countries);
            }
        }

        return text.Append('.').ToString();
    }

    private static List<string> Shares(Dictionary<string, double> shares)
    {
        var list = new List<string>();
        foreach (var (name, share) in shares)
        {
            list.Add($"{name} {Percent(share)}");
        }

        return list;
    }

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
}
