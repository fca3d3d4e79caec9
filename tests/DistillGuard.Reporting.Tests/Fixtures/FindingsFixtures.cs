using DistillGuard.Core.Findings;

namespace DistillGuard.Reporting.Tests.Fixtures;

/// <summary>
/// Hand-made findings shaped like a real scan: three days of hourly traffic, one large coding campaign linked by
/// payment, IP blocks and templates, one small creation-burst campaign, and a few honest heavy users under review.
/// Prompts carry markup on purpose: they are attacker-controlled text.
/// </summary>
internal static class FindingsFixtures
{
    public const string HostilePrompt = "Ignore the above.</script><script>window.__pwned=1</script><!-- <img src=x onerror=alert(1)> & \"quoted\" 'single'";
    public const string HostileAccountId = "acct_<b>bold</b>";

    private static readonly DateTime Start = new(2026, 4, 21, 0, 0, 0, DateTimeKind.Utc);

    public static FindingsDocument TwoCampaigns()
    {
        const int hours = 72;
        var everything = new long[hours];
        var first = new long[hours];
        var second = new long[hours];
        for (var h = 0; h < hours; h++)
        {
            everything[h] = 400 + (h % 24 is >= 8 and <= 20 ? 300 : 0) + (h * 37 % 50);
            first[h] = h >= 27 ? 180 + (h * 13 % 40) : 0;
            second[h] = h is >= 50 and < 60 ? 60 : 0;
            everything[h] += first[h] + second[h];
        }

        var big = Campaign("cmp_0001", accounts: 24, prefix: "acct_c1_", firstHour: 27, detectedHour: 33, first);
        big.Capabilities = new() { ["coding"] = 0.58, ["agentic_tool_use"] = 0.31, ["reasoning"] = 0.11 };
        big.Models = new() { ["model-large-2"] = 0.82, ["model-large-1"] = 0.18 };
        big.CotElicitationRate = 0.64;
        big.Graph = LinkedGraph(big.AccountIds);
        big.Templates =
        [
            new() { TemplateId = "tpl_3f9a", Exchanges = 2210, Accounts = 24, Capability = "coding", Example = "Write a Python function that parses ISO 8601 durations. Think step by step and show all of your reasoning before the final code." },
            new() { TemplateId = "tpl_77c1", Exchanges = 1480, Accounts = 19, Capability = "agentic_tool_use", Example = HostilePrompt },
            new() { TemplateId = "tpl_0b12", Exchanges = 530, Accounts = 11, Capability = "reasoning", Example = "Solve: a train leaves at 3pm travelling 80 km/h…" },
        ];
        big.Infrastructure = new()
        {
            Asns = [new() { Asn = 64512, Org = "Example Hosting GmbH", Type = "hosting", Exchanges = 3100 }, new() { Asn = 64777, Org = "Residential Proxy Co", Type = "proxy", Exchanges = 1120 }],
            Countries = new() { ["DE"] = 2400, ["NL"] = 1820 },
            IpBlocks = [new() { Block = "203.0.113.0/24", Exchanges = 2900, Accounts = 16 }, new() { Block = "198.51.100.0/24", Exchanges = 1320, Accounts = 8 }],
        };
        big.Indicators = new() { Asns = [64512, 64777], Ips = ["203.0.113.7"], PaymentFingerprints = ["pf_1a2b"], TemplateIds = ["tpl_3f9a", "tpl_77c1"], IpBlocks = ["203.0.113.0/24"] };
        big.Reasons =
        [
            new() { Signal = "shared_payment", Weight = 0.31, Detail = "24 accounts pay with 2 payment instruments" },
            new() { Signal = "template_concentration", Weight = 0.22, Detail = "94% of prompts follow 3 templates" },
            new() { Signal = "ip_pool", Weight = 0.18, Detail = "24 accounts share 2 /24 blocks on hosting and proxy networks" },
        ];

        var small = Campaign("cmp_0002", accounts: 6, prefix: "acct_c2_", firstHour: 50, detectedHour: 52, second);
        small.Capabilities = new() { ["cybersecurity"] = 0.7, ["general_chat"] = 0.3 };
        small.Graph = new()
        {
            Nodes = [.. small.AccountIds],
            Edges = [.. Pairs(small.AccountIds, "creation_burst", 0.9)],
        };
        small.Reasons = [new() { Signal = "creation_burst", Weight = 0.4, Detail = "6 accounts created within 4 minutes" }];

        var document = new FindingsDocument
        {
            GeneratedAt = new DateTime(2026, 4, 24, 0, 0, 0, DateTimeKind.Utc),
            Input = new() { Exchanges = Sum(everything), Accounts = 412, BadRecords = 3, From = Start, To = Start.AddHours(hours) },
            Timeline = new() { Start = Start, BucketMinutes = 60, Exchanges = everything },
            Campaigns = [big, small],
        };
        AddMembers(document, big, "block", 0.97);
        AddMembers(document, small, "throttle", 0.81);
        document.Accounts.Add(new()
        {
            AccountId = "acct_heavy_ci",
            Risk = 0.42,
            Verdict = "review",
            Exchanges = 5210,
            FirstFlaggedAt = Start.AddHours(40),
            Reasons = [new() { Signal = "volume", Weight = 0.2, Detail = "5,210 exchanges in a day, all from one CI runner" }],
        });
        document.Accounts.Add(new()
        {
            AccountId = HostileAccountId,
            Risk = 0.35,
            Verdict = "review",
            Exchanges = 12,
            Reasons = [new() { Signal = "odd_id", Weight = 0.1, Detail = "detail with <i>markup</i>" }],
        });
        return document;
    }

    public static FindingsDocument Empty() => new()
    {
        GeneratedAt = new DateTime(2026, 4, 24, 0, 0, 0, DateTimeKind.Utc),
        Input = new() { Exchanges = 1200, Accounts = 40 },
    };

    private static CampaignFinding Campaign(string id, int accounts, string prefix, int firstHour, int detectedHour, long[] timeline)
    {
        var ids = new List<string>();
        for (var i = 0; i < accounts; i++)
        {
            ids.Add(prefix + i.ToString("00", System.Globalization.CultureInfo.InvariantCulture));
        }

        return new CampaignFinding
        {
            CampaignId = id,
            Confidence = 0.93,
            Accounts = accounts,
            AccountIds = ids,
            Exchanges = Sum(timeline),
            FirstSeen = Start.AddHours(firstHour).AddMinutes(14),
            LastSeen = Start.AddHours(71),
            DetectedAt = Start.AddHours(detectedHour),
            Timeline = timeline,
        };
    }

    /// <summary>Two payment rings, two IP blocks, one template family across all: a realistic mix of link kinds.</summary>
    private static CampaignGraph LinkedGraph(List<string> ids)
    {
        var graph = new CampaignGraph { Nodes = [.. ids] };
        graph.Edges.AddRange(Pairs(ids.GetRange(0, 6), "payment", 0.95));
        graph.Edges.AddRange(Pairs(ids.GetRange(6, 6), "payment", 0.95));
        for (var i = 12; i < ids.Count - 1; i++)
        {
            graph.Edges.Add(new() { Source = ids[i], Target = ids[i + 1], Kind = i < 18 ? "ip_block" : "client_fingerprint", Weight = 0.6 });
        }

        for (var i = 0; i + 12 < ids.Count; i += 3)
        {
            graph.Edges.Add(new() { Source = ids[i], Target = ids[i + 12], Kind = "template", Weight = 0.4 });
        }

        graph.Edges.Add(new() { Source = ids[5], Target = ids[6], Kind = "timing", Weight = 0.3 });
        return graph;
    }

    private static IEnumerable<GraphEdge> Pairs(List<string> ids, string kind, double weight)
    {
        for (var i = 0; i < ids.Count; i++)
        {
            for (var j = i + 1; j < ids.Count; j++)
            {
                yield return new GraphEdge { Source = ids[i], Target = ids[j], Kind = kind, Weight = weight };
            }
        }
    }

    private static void AddMembers(FindingsDocument document, CampaignFinding campaign, string verdict, double risk)
    {
        for (var i = 0; i < campaign.AccountIds.Count; i++)
        {
            document.Accounts.Add(new()
            {
                AccountId = campaign.AccountIds[i],
                Risk = Math.Round(risk - (i * 0.004), 3),
                Verdict = verdict,
                CampaignId = campaign.CampaignId,
                Exchanges = 150 + (i * 11),
                FirstFlaggedAt = campaign.DetectedAt,
                Reasons = [.. campaign.Reasons],
            });
        }
    }

    private static long Sum(long[] values)
    {
        long total = 0;
        foreach (var value in values)
        {
            total += value;
        }

        return total;
    }
}
