using System.Globalization;
using System.Text.Json.Nodes;
using DistillGuard.Intel.Import;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Export;

/// <summary>
/// Network indicators. Confidence falls with breadth: an exact IP carries the campaign's confidence, a block
/// 80% of it (honest users may share a /24), an autonomous system 50%, or 30% when it is an ISP, business or
/// education network where honest customers certainly are. A sign-up e-mail domain carries 80% of it: the engine
/// lists only domains no public provider, school or organisation explains, but a regional provider it does not know
/// could slip through.
/// </summary>
internal sealed partial class StixBundleBuilder
{
    private const double BlockFactor = 0.8;
    private const double HostingAsnFactor = 0.5;
    private const double EyeballAsnFactor = 0.3;
    private const double EmailDomainFactor = 0.8;

    private void AddNetworkIndicators(CampaignScope scope, string? infrastructureId)
    {
        var campaign = scope.Campaign;
        var blockCounts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var block in campaign.Infrastructure?.IpBlocks ?? [])
        {
            blockCounts[block.Block] = block.Exchanges;
        }

        var blocks = campaign.Indicators.IpBlocks ?? [.. blockCounts.Keys];
        var parsedBlocks = new List<(UInt128 Network, int Prefix, bool V6)>();
        foreach (var block in blocks)
        {
            var v6 = block.Contains(':', StringComparison.Ordinal);
            if (IpAddressText.TryParseBlock(block, v6, out var network, out var prefix))
            {
                parsedBlocks.Add((network, prefix, v6));
            }

            var id = Indicator(scope, infrastructureId, AddressPattern(block), $"IP block {block} used by distillation campaign {campaign.CampaignId}",
                ["anonymization", "malicious-activity"], campaign.Confidence * BlockFactor);
            if (blockCounts.TryGetValue(block, out var exchanges))
            {
                Sighting(scope, id, exchanges);
            }
        }

        foreach (var ip in campaign.Indicators.Ips)
        {
            if (!IsInside(ip, parsedBlocks))
            {
                Indicator(scope, infrastructureId, AddressPattern(ip), $"IP address {ip} used by distillation campaign {campaign.CampaignId}",
                    ["anonymization", "malicious-activity"], campaign.Confidence);
            }
        }

        foreach (var asn in campaign.Indicators.Asns)
        {
            var summary = campaign.Infrastructure?.Asns.Find(a => a.Asn == asn);
            var factor = summary?.Type is "isp" or "business" or "education" ? EyeballAsnFactor : HostingAsnFactor;
            var label = summary is null ? $"AS{asn}" : $"AS{asn} ({summary.Org ?? "unknown org"}, {summary.Type})";
            var id = Indicator(scope, infrastructureId, $"[autonomous-system:number = {asn.ToString(CultureInfo.InvariantCulture)}]",
                $"{label} carried traffic of distillation campaign {campaign.CampaignId}", ["anonymization"], campaign.Confidence * factor);
            if (summary is not null)
            {
                Sighting(scope, id, summary.Exchanges);
            }
        }
    }

    private void AddSignUpIndicators(CampaignScope scope)
    {
        var campaign = scope.Campaign;
        foreach (var domain in campaign.Indicators.EmailDomains ?? [])
        {
            // A domain-name object: the domain is the operator's own, whatever it is later used for. It indicates the
            // campaign only: the infrastructure object is the proxy network its traffic came through.
            Indicator(scope, null, $"[domain-name:value = '{EscapePatternString(domain)}']",
                $"E-mail domain {domain} used to sign up accounts of distillation campaign {campaign.CampaignId}",
                ["malicious-activity", "attribution"], campaign.Confidence * EmailDomainFactor);
        }
    }

    private string Indicator(CampaignScope scope, string? infrastructureId, string pattern, string name, string[] types, double confidence)
    {
        var id = StixIds.Create("indicator", scope.Id + "|" + pattern);
        var indicatorTypes = new JsonArray();
        foreach (var type in types)
        {
            indicatorTypes.Add((JsonNode?)JsonValue.Create(type));
        }

        Sdo("indicator", id, scope.Created, scope.Modified,
            ("name", name),
            ("indicator_types", indicatorTypes),
            ("pattern", pattern),
            ("pattern_type", "stix"),
            ("pattern_version", "2.1"),
            ("valid_from", StixTimestamp.Format(scope.Campaign.FirstSeen)),
            ("valid_until", StixTimestamp.Format(scope.ValidUntil)),
            ("confidence", Confidence(confidence)));
        Relate(scope, id, "indicates", scope.Id);
        if (infrastructureId is not null)
        {
            Relate(scope, id, "indicates", infrastructureId);
        }

        return id;
    }

    internal static string AddressPattern(string address)
    {
        var type = address.Contains(':', StringComparison.Ordinal) ? "ipv6-addr" : "ipv4-addr";
        return $"[{type}:value = '{EscapePatternString(address)}']";
    }

    internal static string EscapePatternString(string value) => value.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("'", "\\'", StringComparison.Ordinal);

    private static bool IsInside(string ip, List<(UInt128 Network, int Prefix, bool V6)> blocks)
    {
        var v6 = ip.Contains(':', StringComparison.Ordinal);
        if (!IpAddressText.TryParseBlock(ip, v6, out var address, out _))
        {
            return false;
        }

        foreach (var (network, prefix, blockV6) in blocks)
        {
            if (blockV6 == v6 && (address & IpAddressText.Mask(prefix, v6 ? 128 : 32)) == network)
            {
                return true;
            }
        }

        return false;
    }
}
