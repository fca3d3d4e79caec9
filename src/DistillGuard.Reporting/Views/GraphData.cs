using System.Text.Json;
using DistillGuard.Core.Findings;

namespace DistillGuard.Reporting.Views;

/// <summary>
/// A campaign's linkage graph for cytoscape. Each node is coloured by the kind of link that carries most of its
/// edge weight. Large graphs keep their most connected accounts (ties by id, so the choice is deterministic).
/// </summary>
internal static class GraphData
{
    public static void Write(Utf8JsonWriter json, CampaignGraph? graph, int maxNodes)
    {
        if (graph is not { Nodes.Count: > 0 })
        {
            json.WriteNull("graph");
            return;
        }

        var nodeIndex = new Dictionary<string, int>(graph.Nodes.Count, StringComparer.Ordinal);
        foreach (var node in graph.Nodes)
        {
            nodeIndex.TryAdd(node, nodeIndex.Count);
        }

        var degree = new double[nodeIndex.Count];
        var kindWeight = new double[nodeIndex.Count, GraphKinds.All.Length + 1];
        foreach (var edge in graph.Edges)
        {
            if (!nodeIndex.TryGetValue(edge.Source, out var s) || !nodeIndex.TryGetValue(edge.Target, out var t))
            {
                continue;
            }

            var kind = KindIndex(edge.Kind);
            var weight = edge.Weight > 0 ? edge.Weight : 1;
            degree[s] += weight;
            degree[t] += weight;
            kindWeight[s, kind] += weight;
            kindWeight[t, kind] += weight;
        }

        var nodes = new List<string>(nodeIndex.Keys);
        if (nodes.Count > maxNodes)
        {
            nodes.Sort((a, b) =>
            {
                var byDegree = degree[nodeIndex[b]].CompareTo(degree[nodeIndex[a]]);
                return byDegree != 0 ? byDegree : string.CompareOrdinal(a, b);
            });
            nodes.RemoveRange(maxNodes, nodes.Count - maxNodes);
        }

        var shown = new HashSet<string>(nodes, StringComparer.Ordinal);
        json.WriteStartObject("graph");
        json.WriteNumber("total", nodeIndex.Count);
        json.WriteStartArray("nodes");
        foreach (var node in nodes)
        {
            json.WriteStartObject();
            json.WriteString("id", node);
            json.WriteString("kind", DominantKind(kindWeight, nodeIndex[node]));
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteStartArray("edges");
        foreach (var edge in graph.Edges)
        {
            if (!shown.Contains(edge.Source) || !shown.Contains(edge.Target))
            {
                continue;
            }

            json.WriteStartObject();
            json.WriteString("source", edge.Source);
            json.WriteString("target", edge.Target);
            json.WriteString("kind", GraphKinds.Normalise(edge.Kind));
            json.WriteNumber("weight", edge.Weight);
            json.WriteEndObject();
        }

        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static int KindIndex(string kind)
    {
        var index = Array.IndexOf(GraphKinds.All, kind);
        return index >= 0 ? index : GraphKinds.All.Length;
    }

    private static string DominantKind(double[,] kindWeight, int node)
    {
        var best = -1;
        var bestWeight = 0.0;
        for (var k = 0; k <= GraphKinds.All.Length; k++)
        {
            if (kindWeight[node, k] > bestWeight)
            {
                best = k;
                bestWeight = kindWeight[node, k];
            }
        }

        return best < 0 ? "none" : best < GraphKinds.All.Length ? GraphKinds.All[best] : "other";
    }
}
