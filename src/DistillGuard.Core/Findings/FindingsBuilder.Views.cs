using System.Numerics;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Findings;

internal sealed partial class FindingsBuilder
{
    /// <summary>Attributes held by at least two of the campaign's members, most widely held first.</summary>
    private static List<AttributeStats> SharedAttributes(List<AccountState> members)
    {
        var holders = new Dictionary<AttributeStats, int>(ReferenceEqualityComparer.Instance);
        foreach (var m in members)
        {
            foreach (var link in m.Links)
            {
                if (link is not null)
                {
                    holders[link] = holders.GetValueOrDefault(link) + 1;
                }
            }
        }

        var shared = new List<AttributeStats>();
        foreach (var (attribute, count) in holders)
        {
            if (count >= 2)
            {
                shared.Add(attribute);
            }
        }

        shared.Sort((x, y) =>
        {
            var c = holders[y].CompareTo(holders[x]);
            c = c != 0 ? c : x.Kind.CompareTo(y.Kind);
            c = c != 0 ? c : string.CompareOrdinal(x.Label, y.Label);
            return c != 0 ? c : x.Key.CompareTo(y.Key);
        });
        return shared;
    }

    private static CampaignIndicators Indicators(List<AttributeStats> shared)
    {
        var ips = new SortedSet<string>(StringComparer.Ordinal);
        var asns = new SortedSet<int>();
        var payments = new SortedSet<string>(StringComparer.Ordinal);
        var templates = new SortedSet<string>(StringComparer.Ordinal);
        var blocks = new SortedSet<string>(StringComparer.Ordinal);
        var clients = new SortedSet<string>(StringComparer.Ordinal);
        var emailDomains = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var a in shared)
        {
            switch (a.Kind)
            {
                case AttributeKind.Payment:
                    payments.Add(a.Label);
                    break;
                case AttributeKind.IpBlock:
                    blocks.Add(a.Label);
                    if (a.Asn != 0)
                    {
                        asns.Add(a.Asn);
                    }

                    foreach (var ip in a.SampleIps ?? [])
                    {
                        ips.Add(ip);
                    }

                    break;
                case AttributeKind.ClientFingerprint:
                    clients.Add(a.Label);
                    break;
                case AttributeKind.EmailDomain:
                    emailDomains.Add(a.Label);
                    break;
                default:
                    templates.Add(a.Label);
                    break;
            }
        }

        return new CampaignIndicators
        {
            Ips = [.. ips.Take(MaxIndicators)],
            Asns = [.. asns.Take(MaxIndicators)],
            PaymentFingerprints = [.. payments.Take(MaxIndicators)],
            TemplateIds = [.. templates.Take(MaxIndicators)],
            IpBlocks = [.. blocks.Take(MaxIndicators)],
            ClientFingerprints = [.. clients.Take(MaxIndicators)],
            EmailDomains = emailDomains.Count == 0 ? null : [.. emailDomains.Take(MaxIndicators)],
        };
    }

    private CampaignGraph Graph(ClusterFeatures cluster, List<AccountState> members, List<AttributeStats> shared)
    {
        var nodes = members.Count <= MaxGraphNodes ? members : members.GetRange(0, MaxGraphNodes);
        var graph = new CampaignGraph { Nodes = nodes.ConvertAll(m => m.Id) };
        var edges = graph.Edges;
        foreach (var attribute in shared)
        {
            var weight = Math.Round(LinkModel.Weight(attribute, _population), 3);
            AccountState? hub = null;
            foreach (var m in nodes)
            {
                if (Array.IndexOf(m.Links, attribute) < 0)
                {
                    continue;
                }

                if (hub is null)
                {
                    hub = m;
                    continue;
                }

                edges.Add(new GraphEdge { Source = hub.Id, Target = m.Id, Kind = LinkModel.EdgeKind(attribute.Kind), Weight = weight });
            }
        }

        if (cluster.CreationBurst > 0)
        {
            var byCreation = nodes.FindAll(static m => m.CreatedTicks != 0);
            byCreation.Sort(static (x, y) => x.CreatedTicks != y.CreatedTicks ? x.CreatedTicks.CompareTo(y.CreatedTicks) : string.CompareOrdinal(x.Id, y.Id));
            for (var i = 1; i < byCreation.Count; i++)
            {
                if (byCreation[i].CreatedTicks - byCreation[i - 1].CreatedTicks <= TimeSpan.TicksPerHour * 6)
                {
                    edges.Add(new GraphEdge { Source = byCreation[i - 1].Id, Target = byCreation[i].Id, Kind = "creation_burst", Weight = Math.Round(cluster.CreationBurst, 3) });
                }
            }
        }

        for (var i = 1; i < nodes.Count; i++)
        {
            var at = Math.Max(nodes[i - 1].LastTicks, nodes[i].LastTicks);
            var x = nodes[i - 1].SlotsAt(at);
            var y = nodes[i].SlotsAt(at);
            var or = BitOperations.PopCount(x | y);
            var jaccard = or == 0 ? 0 : (double)BitOperations.PopCount(x & y) / or;
            if (or >= 4 && jaccard >= 0.5)
            {
                edges.Add(new GraphEdge { Source = nodes[i - 1].Id, Target = nodes[i].Id, Kind = "timing", Weight = Math.Round(jaccard, 3) });
            }
        }

        AccountState? intelHub = null;
        foreach (var m in nodes)
        {
            if ((m.ExchangeIntel ?? m.AccountIntel) is null)
            {
                continue;
            }

            if (intelHub is null)
            {
                intelHub = m;
                continue;
            }

            edges.Add(new GraphEdge { Source = intelHub.Id, Target = m.Id, Kind = "intel", Weight = 1 });
        }

        edges.Sort(static (x, y) =>
        {
            var c = string.CompareOrdinal(x.Kind, y.Kind);
            c = c != 0 ? c : string.CompareOrdinal(x.Source, y.Source);
            return c != 0 ? c : string.CompareOrdinal(x.Target, y.Target);
        });
        if (edges.Count > MaxGraphEdges)
        {
            edges.RemoveRange(MaxGraphEdges, edges.Count - MaxGraphEdges);
        }

        return graph;
    }

    private static List<TemplateSummary> Templates(List<AttributeStats> shared)
    {
        var templates = shared.FindAll(static a => a.Kind == AttributeKind.Template);
        templates.Sort(static (x, y) => x.Exchanges != y.Exchanges ? y.Exchanges.CompareTo(x.Exchanges) : string.CompareOrdinal(x.Label, y.Label));
        return templates.Take(MaxTemplates).Select(static a => new TemplateSummary
        {
            TemplateId = a.Label,
            Exchanges = a.Exchanges,
            Accounts = a.Accounts,
            Capability = CapabilityNames.ToWire(a.Capability),
            Example = a.Example,
        }).ToList();
    }

    private static Infrastructure Infrastructure(List<AttributeStats> shared)
    {
        var asns = new SortedDictionary<int, AsnSummary>();
        var countries = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var blocks = new SortedDictionary<string, IpBlockSummary>(StringComparer.Ordinal);
        foreach (var a in shared)
        {
            if (a.Kind != AttributeKind.IpBlock)
            {
                continue;
            }

            if (!asns.TryGetValue(a.Asn, out var asn))
            {
                asn = new AsnSummary { Asn = a.Asn, Org = a.AsnOrg, Type = LogNames.ToWire(a.AsnType) };
                asns.Add(a.Asn, asn);
            }

            asn.Exchanges += a.Exchanges;
            if (a.Country is { } country)
            {
                countries[country] = countries.GetValueOrDefault(country) + a.Exchanges;
            }

            if (!blocks.TryGetValue(a.Label, out var block))
            {
                block = new IpBlockSummary { Block = a.Label };
                blocks.Add(a.Label, block);
            }

            block.Exchanges += a.Exchanges;
            block.Accounts = Math.Max(block.Accounts, a.Accounts);
        }

        return new Infrastructure
        {
            Asns = [.. asns.Values.OrderByDescending(static a => a.Exchanges).ThenBy(static a => a.Asn).Take(MaxIndicators)],
            Countries = countries.OrderByDescending(static p => p.Value).ThenBy(static p => p.Key, StringComparer.Ordinal)
                .ToDictionary(static p => p.Key, static p => p.Value),
            IpBlocks = [.. blocks.Values.OrderByDescending(static b => b.Exchanges).ThenBy(static b => b.Block, StringComparer.Ordinal).Take(MaxIndicators)],
        };
    }
}
