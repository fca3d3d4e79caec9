using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Honest;

namespace DistillGuard.Simulation.Truth;

/// <summary>Builds the truth document from a generated plan.</summary>
internal static class TruthBuilder
{
    public static TruthDocument Build(ScenarioPlan plan, IReadOnlyList<SimAccount> sortedAccounts, string? promptSource, long exchanges, Dictionary<int, Dictionary<string, long>> campaignTasks, long[] campaignFiller)
    {
        var truth = new TruthDocument
        {
            Scenario = plan.Definition.Name,
            Seed = plan.Seed,
            Scale = plan.Scale,
            Start = plan.Start,
            End = plan.End,
            PromptData = promptSource is null ? null : "shared/data",
            Exchanges = exchanges,
        };

        foreach (var a in sortedAccounts)
        {
            truth.Accounts.Add(new AccountTruth
            {
                AccountId = a.Id,
                Label = a.Label,
                Campaign = a.Campaign >= 0,
                Group = a.Group,
                Exchanges = a.Exchanges,
                FirstExchange = a.Exchanges > 0 ? new DateTime(a.FirstExchangeTicks, DateTimeKind.Utc) : null,
                LastExchange = a.Exchanges > 0 ? new DateTime(a.LastExchangeTicks, DateTimeKind.Utc) : null,
            });
        }

        foreach (var name in HonestArchetypes.All)
        {
            var accounts = 0;
            var count = 0L;
            foreach (var a in sortedAccounts)
            {
                if (a.Label == name)
                {
                    accounts++;
                    count += a.Exchanges;
                }
            }

            if (accounts > 0)
            {
                truth.Archetypes.Add(new ArchetypeTruth { Name = name, Accounts = accounts, Exchanges = count });
            }
        }

        for (var i = 0; i < plan.Campaigns.Count; i++)
        {
            truth.Campaigns.Add(CampaignTruthOf(plan, i, campaignTasks.GetValueOrDefault(i), campaignFiller[i]));
        }

        return truth;
    }

    private static CampaignTruth CampaignTruthOf(ScenarioPlan plan, int index, Dictionary<string, long>? tasks, long filler)
    {
        var t = plan.Campaigns[index];
        var actor = plan.CampaignActors[index];
        var result = new CampaignTruth
        {
            Name = t.Name,
            Operator = t.Operator,
            PublicFigure = t.PublicFigure,
            FillerExchanges = filler,
            PivotModel = actor.PivotAt is null ? null : t.PivotModel,
            ModelReleasedAt = actor.PivotAt is null ? null : plan.NewRelease?.ReleasedAt,
            PivotAt = actor.PivotAt,
            Tactics = t,
        };

        long first = long.MaxValue, last = long.MinValue;
        var payments = new SortedSet<string>(StringComparer.Ordinal);
        var clients = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var ca in actor.Accounts)
        {
            var a = ca.Account;
            if (a.Exchanges == 0)
            {
                continue;
            }

            result.Accounts++;
            result.Exchanges += a.Exchanges;
            first = Math.Min(first, a.FirstExchangeTicks);
            last = Math.Max(last, a.LastExchangeTicks);
            payments.Add(a.Record.PaymentFingerprint!);
            clients.Add(a.Client.UserAgent + "|" + a.Client.TlsFingerprint);
        }

        if (result.Accounts > 0)
        {
            result.FirstExchange = new DateTime(first, DateTimeKind.Utc);
            result.LastExchange = new DateTime(last, DateTimeKind.Utc);
        }

        result.PaymentFingerprints = [.. payments];
        result.ClientFingerprints = [.. clients];
        if (tasks is not null)
        {
            var total = 0L;
            foreach (var v in tasks.Values)
            {
                total += v;
            }

            foreach (var (name, count) in tasks.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal))
            {
                result.Tasks[name] = Math.Round((double)count / total, 4);
            }
        }

        return result;
    }
}
