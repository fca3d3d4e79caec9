using System.Globalization;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Engine;

namespace DistillGuard.Core.Findings;

/// <summary>
/// Builds the findings document from the engine's state at its last evaluation. Every list is sorted on
/// stable keys and every number rounded, so the same input gives byte-identical output.
/// </summary>
internal sealed partial class FindingsBuilder(
    DetectionEngine engine,
    List<AccountState> accounts,
    List<ClusterFeatures> clusters,
    TimelineBuckets timeline,
    IEnumerable<ModelState> models)
{
    public const int MaxGraphNodes = 150;
    public const int MaxGraphEdges = 400;
    public const int MaxIndicators = 50;
    public const int MaxTemplates = 10;

    private int _population;

    public FindingsDocument Build(long badRecords, DateTime generatedAt)
    {
        _ = models;
        var population = 0;
        foreach (var a in accounts)
        {
            if (a.Exchanges > 0)
            {
                population++;
            }
        }

        _population = population;

        var document = new FindingsDocument
        {
            GeneratedAt = generatedAt,
            Input = new FindingsInput
            {
                Exchanges = engine.ExchangeCount,
                Accounts = population,
                BadRecords = badRecords,
                From = engine.ExchangeCount == 0 ? null : new DateTime(engine.FromTicks, DateTimeKind.Utc),
                To = engine.ExchangeCount == 0 ? null : new DateTime(engine.ToTicks, DateTimeKind.Utc),
                RiskModel = engine.Options.RiskModel.IsBuiltIn ? null : engine.Options.RiskModel.Fingerprint,
            },
        };

        var used = timeline.Used();
        if (used > 0)
        {
            document.Timeline = new Timeline
            {
                Start = new DateTime(timeline.StartTicks, DateTimeKind.Utc),
                BucketMinutes = (int)(timeline.WidthTicks / TimeSpan.TicksPerMinute),
                Exchanges = timeline.Totals[..used],
            };
        }

        foreach (var a in accounts)
        {
            if (a.Verdict == Verdict.Allow)
            {
                if (a.FirstEnforcedTicks != 0)
                {
                    (document.ReleasedAccounts ??= []).Add(new ReleasedAccount
                    {
                        AccountId = a.Id,
                        Exchanges = a.Exchanges,
                        FirstEnforcedAt = new DateTime(a.FirstEnforcedTicks, DateTimeKind.Utc),
                        Lapses = Lapses(a) ?? [],
                    });
                }

                continue;
            }

            var cluster = a.Cluster >= 0 ? clusters[a.Cluster] : null;
            document.Accounts.Add(new AccountFinding
            {
                AccountId = a.Id,
                Risk = Math.Round(a.Risk, 3),
                Verdict = VerdictNames.ToWire(a.Verdict),
                CampaignId = a.CampaignId,
                Exchanges = a.Exchanges,
                FirstFlaggedAt = a.FirstFlaggedTicks == 0 ? null : new DateTime(a.FirstFlaggedTicks, DateTimeKind.Utc),
                FirstEnforcedAt = a.FirstEnforcedTicks == 0 ? null : new DateTime(a.FirstEnforcedTicks, DateTimeKind.Utc),
                Lapses = Lapses(a),
                Reasons = ReasonWriter.ForAccount(a, cluster, population, engine.Options),
            });
        }

        document.ReleasedAccounts?.Sort(static (x, y) => string.CompareOrdinal(x.AccountId, y.AccountId));

        document.Accounts.Sort(static (x, y) =>
        {
            var c = y.Risk.CompareTo(x.Risk);
            return c != 0 ? c : string.CompareOrdinal(x.AccountId, y.AccountId);
        });

        var sharedByCampaign = new List<(CampaignFinding Finding, List<AttributeStats> Shared)>();
        foreach (var cluster in clusters)
        {
            if (cluster.CampaignId is not null)
            {
                var campaign = BuildCampaign(cluster, used, out var shared);
                document.Campaigns.Add(campaign);
                sharedByCampaign.Add((campaign, shared));
            }
        }

        Relate(sharedByCampaign);

        document.Campaigns.Sort(static (x, y) =>
        {
            var c = y.Exchanges.CompareTo(x.Exchanges);
            return c != 0 ? c : string.CompareOrdinal(x.CampaignId, y.CampaignId);
        });
        return document;
    }

    private static List<EnforcementLapse>? Lapses(AccountState a) => a.Lapses?.ConvertAll(static l => new EnforcementLapse
    {
        From = new DateTime(l.From, DateTimeKind.Utc),
        To = l.To == long.MaxValue ? null : new DateTime(l.To, DateTimeKind.Utc),
    });

    private CampaignFinding BuildCampaign(ClusterFeatures cluster, int used, out List<AttributeStats> shared)
    {
        var members = cluster.Members.FindAll(m => m.CampaignId == cluster.CampaignId);
        var capabilities = new long[CapabilityNames.Count];
        long exchanges = 0, cot = 0;
        var first = long.MaxValue;
        var last = long.MinValue;
        var named = long.MaxValue;
        var risk = 0.0;
        var series = new long[used];
        foreach (var m in members)
        {
            exchanges += m.Exchanges;
            cot += m.Cot;
            first = Math.Min(first, m.FirstTicks);
            last = Math.Max(last, m.LastTicks);
            named = Math.Min(named, m.FirstCampaignTicks);
            risk += m.Risk;
            for (var i = 0; i < capabilities.Length; i++)
            {
                capabilities[i] += m.Capabilities[i];
            }

            if (m.Timeline is { } t)
            {
                for (var i = 0; i < used; i++)
                {
                    series[i] += t[i];
                }
            }
        }

        shared = SharedAttributes(members);
        return new CampaignFinding
        {
            CampaignId = cluster.CampaignId!,
            Confidence = Math.Round(risk / members.Count, 3),
            Accounts = members.Count,
            AccountIds = members.ConvertAll(m => m.Id),
            Exchanges = exchanges,
            FirstSeen = new DateTime(first, DateTimeKind.Utc),
            LastSeen = new DateTime(last, DateTimeKind.Utc),
            // When the engine first named any of its members a campaign: never before its third member was flagged;
            // later when their cluster showed no harvest yet, or when the members flagged first were linked only later.
            DetectedAt = new DateTime(named, DateTimeKind.Utc),
            Capabilities = Shares(capabilities, exchanges),
            CotElicitationRate = exchanges == 0 ? 0 : Math.Round((double)cot / exchanges, 3),
            Indicators = Indicators(shared),
            Reasons = ReasonWriter.ForCampaign(cluster, members, shared, engine.Options.RiskModel),
            Timeline = series,
            Graph = Graph(cluster, members, shared),
            Templates = Templates(shared),
            Infrastructure = Infrastructure(shared),
            Models = ModelShares(members, exchanges),
        };
    }

    private static Dictionary<string, double> Shares(long[] counts, long total)
    {
        var order = new List<int>();
        for (var i = 0; i < counts.Length; i++)
        {
            if (counts[i] > 0)
            {
                order.Add(i);
            }
        }

        order.Sort((x, y) => counts[y] != counts[x] ? counts[y].CompareTo(counts[x]) : x.CompareTo(y));
        var shares = new Dictionary<string, double>(order.Count);
        foreach (var i in order)
        {
            shares[CapabilityNames.ToWire((Capability)i)] = Math.Round((double)counts[i] / total, 3);
        }

        return shares;
    }

    private static Dictionary<string, double> ModelShares(List<AccountState> members, long exchanges)
    {
        var counts = new SortedDictionary<string, long>(StringComparer.Ordinal);
        foreach (var m in members)
        {
            for (var i = 0; i < m.Models.Length; i++)
            {
                if (m.Models[i] is { } model)
                {
                    counts[model.Name] = counts.GetValueOrDefault(model.Name) + m.ModelCounts[i];
                }
            }
        }

        var itemised = counts.Values.Sum();
        var ordered = counts.OrderByDescending(static p => p.Value).ThenBy(static p => p.Key, StringComparer.Ordinal).ToList();
        var shares = new Dictionary<string, double>(ordered.Count + 1);
        foreach (var (name, count) in ordered)
        {
            shares[name] = Math.Round((double)count / exchanges, 3);
        }

        if (exchanges > itemised)
        {
            shares["(other)"] = Math.Round((double)(exchanges - itemised) / exchanges, 3);
        }

        return shares;
    }

    private static string Hex(ulong key) => key.ToString("x16", CultureInfo.InvariantCulture);
}
