using DistillGuard.Core.Log;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Campaigns;

/// <summary>
/// Creates a campaign's accounts: in creation bursts (waves that run into the campaign), payment instruments reused
/// across accounts, exits split between hosting, residential proxies and proxy/VPN ASNs, and, when accounts get
/// banned, replacements created at once.
/// </summary>
internal static class CampaignBuilder
{
    public static void Build(ScenarioPlan plan, int index, CampaignTactics t, int order)
    {
        var infra = new OperatorInfrastructure(t.Operator, t.TemplatesPerTask);
        var random = SimRandom.For(plan.Seed, "campaign:" + t.Name, index);
        var slots = Math.Max(3, (int)Math.Round(t.Accounts * plan.Scale));
        var start = t.Start;
        var end = t.Start.AddDays(t.DurationDays);
        var bursts = Math.Clamp(t.CreationBursts, 1, slots);
        var burstTimes = new DateTime[bursts];
        var firstBurst = start.AddDays(-t.CreationLeadDays - Math.Min(3, bursts));
        var lastBurst = bursts == 1 ? firstBurst : start.AddDays(Math.Min(t.DurationDays * 0.3, bursts));
        for (var b = 0; b < bursts; b++)
        {
            burstTimes[b] = bursts == 1 ? firstBurst : firstBurst.AddTicks((lastBurst - firstBurst).Ticks * b / (bursts - 1));
        }

        var hostingBlocks = Math.Max(2, (int)Math.Round(t.HostingBlocks * Math.Min(1.0, plan.Scale * 4)));
        var residentialExits = Math.Max(50, (int)Math.Round(t.ResidentialExits * plan.Scale));
        var signupNames = t.SignupChannels.Keys.ToArray();
        var signupWeights = t.SignupChannels.Values.ToArray();
        var accounts = new List<CampaignAccount>();
        var sequence = 0;
        for (var s = 0; s < slots; s++)
        {
            // Accounts of one burst are consecutive in the operator's sequence, as a sign-up script would make them.
            var burst = (int)((long)s * bursts / slots);
            var created = burstTimes[burst].AddHours(random.Uniform(0, t.BurstWidthHours));
            var activeFrom = Max(created.AddHours(random.Uniform(2, 26)), start);
            while (activeFrom < end)
            {
                var until = t.MeanAccountLifetimeDays > 0 ? activeFrom.AddDays(random.Exponential(t.MeanAccountLifetimeDays)) : end;
                if (until > end)
                {
                    until = end;
                }

                accounts.Add(CreateAccount(plan, index, t, infra, random, sequence++, created, activeFrom, until, hostingBlocks, signupNames, signupWeights));
                if (t.MeanAccountLifetimeDays <= 0 || until >= end)
                {
                    break;
                }

                // Banned: the network replaces the account at once with a fresh one.
                created = until.AddMinutes(random.Uniform(1, 30));
                activeFrom = created.AddMinutes(random.Uniform(1, 20));
            }
        }

        plan.Campaigns.Add(t);
        var actor = new CampaignActor(t, infra, accounts, residentialExits, new SimRandom(random.NextUInt64()), plan) { Order = order };
        plan.CampaignActors.Add(actor);
        plan.Actors.Add(actor);
    }

    private static CampaignAccount CreateAccount(
        ScenarioPlan plan, int index, CampaignTactics t, OperatorInfrastructure infra, SimRandom random, int slot,
        DateTime created, DateTime activeFrom, DateTime until, int hostingBlocks, string[] signupNames, double[] signupWeights)
    {
        var paymentIndex = t.AccountsPerPaymentInstrument <= 1 ? slot : (int)(slot / t.AccountsPerPaymentInstrument);
        var exitRoll = StableHash.Mix(StableHash.Of(t.Operator), 0x60000UL + (ulong)slot) % 10_000 / 10_000.0;
        var exit = exitRoll < t.HostingShare ? ExitKind.Hosting : exitRoll < t.HostingShare + t.ResidentialShare ? ExitKind.Residential : ExitKind.ProxyOrVpn;
        var billing = t.ExitCountries[random.Next(t.ExitCountries.Count)];
        var record = new AccountRecord
        {
            AccountId = plan.NextAccountId(),
            CreatedAt = created,
            SignupChannel = LogNames.ParseSignupChannel(signupNames[random.PickWeighted(signupWeights)]),
            PaymentFingerprint = infra.PaymentFingerprint(paymentIndex),
            EmailDomain = infra.EmailDomains[random.Next(infra.EmailDomains.Length)],
            BillingCountry = billing,
            Verified = random.Chance(t.VerifiedShare),
        };
        var poolIndex = exit == ExitKind.Hosting ? slot % hostingBlocks : slot;
        var first = exit switch
        {
            ExitKind.Hosting => infra.HostingEndpoint(poolIndex, slot % 37),
            ExitKind.ProxyOrVpn => infra.ProxyEndpoint(slot),
            _ => infra.ResidentialEndpoint(slot, t.ExitCountries),
        };
        var account = new SimAccount
        {
            Record = record,
            Label = t.Name,
            Campaign = index,
            Country = first.Country,
            UtcOffsetHours = t.OperatorUtcOffsetHours,
            Client = infra.Client(slot % Math.Max(1, t.ClientFingerprints)),
            Asn = first.Asn,
            ApiKeys = 1,
            ActiveFromTicks = activeFrom.Ticks,
            ActiveUntilTicks = until.Ticks,
            Group = infra.Slug,
        };
        plan.Accounts.Add(account);
        return new CampaignAccount { Account = account, Slot = slot, Exit = exit, PoolIndex = poolIndex, Host = slot % 37 };
    }

    private static DateTime Max(DateTime a, DateTime b) => a > b ? a : b;

    /// <summary>Parses a task-weight map into arrays; unknown names are a configuration error naming the campaign.</summary>
    public static (TaskKind[] Kinds, double[] Weights) Tasks(string campaign, IReadOnlyDictionary<string, double> tasks)
    {
        var kinds = new TaskKind[tasks.Count];
        var weights = new double[tasks.Count];
        var i = 0;
        foreach (var (name, weight) in tasks)
        {
            if (!TaskKindNames.TryParse(name, out kinds[i]))
            {
                throw new ArgumentException($"campaign '{campaign}': unknown task '{name}'");
            }

            weights[i++] = weight;
        }

        return (kinds, weights);
    }
}
