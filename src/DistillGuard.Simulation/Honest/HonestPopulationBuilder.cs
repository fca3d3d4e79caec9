using DistillGuard.Core.Log;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Honest;

/// <summary>
/// Creates the honest accounts of a scenario with their groups: enterprise orgs (shared payment, org_id, corporate
/// network, provisioned together), campus cohorts (one NAT, sign-ups in the same weeks), research labs, startup teams
/// (one company e-mail domain and office, no org_id, a card each).
/// </summary>
internal static partial class HonestPopulationBuilder
{
    private static readonly string[] PersonalDomains = ["gmail.com", "outlook.com", "yahoo.com", "icloud.com", "proton.me", "hotmail.com", "gmx.de", "naver.com", "yahoo.co.jp"];

    public static void Build(ScenarioPlan plan)
    {
        var order = 0;
        foreach (var (label, atScale1) in plan.Definition.Honest)
        {
            var count = atScale1 <= 0 ? 0 : Math.Max(1, (int)Math.Round(atScale1 * plan.Scale));
            var random = SimRandom.For(plan.Seed, "honest:" + label);
            switch (label)
            {
                case HonestArchetypes.EnterpriseSeat:
                    BuildEnterprises(plan, count, random, ref order);
                    break;
                case HonestArchetypes.CampusStudent:
                    BuildCampuses(plan, count, random, ref order);
                    break;
                case HonestArchetypes.BenchmarkRunner:
                    BuildLabs(plan, count, random, ref order);
                    break;
                case HonestArchetypes.CompanyCardDeveloper:
                    // A company card is a team's: these accounts come out of the developers' startup teams.
                    throw new ArgumentException($"'{label}' is not a count of its own: list '{HonestArchetypes.Developer}', whose startup teams include the company-card ones", nameof(plan));
                case HonestArchetypes.Developer:
                    // About a third work in small teams that each signed up on their own with the company's domain.
                    var inTeams = (int)Math.Round(count * StartupTeamShare);
                    BuildStartupTeams(plan, inTeams, random, ref order);
                    for (var i = inTeams; i < count; i++)
                    {
                        BuildIndividual(plan, label, random, ref order);
                    }

                    break;
                default:
                    for (var i = 0; i < count; i++)
                    {
                        BuildIndividual(plan, label, random, ref order);
                    }

                    break;
            }
        }
    }

    private static void BuildIndividual(ScenarioPlan plan, string label, SimRandom random, ref int order)
    {
        var country = Countries.Honest[random.PickWeighted(Countries.HonestWeightArray)].Code;
        var asn = label switch
        {
            HonestArchetypes.AppBackend or HonestArchetypes.Reseller => NetworkCatalog.Hosting[random.Next(6)],
            HonestArchetypes.Developer or HonestArchetypes.AgenticPowerUser when random.Chance(0.3) => NetworkCatalog.Business(random.Pick(Vocabulary.Companies) + " " + random.Next(1000), country),
            _ => NetworkCatalog.IspIn(country, random),
        };
        var previousPayment = plan.Accounts.Count > 0 ? plan.Accounts[^1].Record.PaymentFingerprint : null;
        var record = new AccountRecord
        {
            AccountId = plan.NextAccountId(),
            CreatedAt = CreatedAt(plan, random, 0.04),
            SignupChannel = label switch
            {
                HonestArchetypes.Reseller => SignupChannel.Reseller,
                HonestArchetypes.AppBackend => random.Chance(0.4) ? SignupChannel.StartupProgram : SignupChannel.Standard,
                HonestArchetypes.Developer => random.Chance(0.1) ? SignupChannel.StartupProgram : SignupChannel.Standard,
                _ => SignupChannel.Standard,
            },
            // About one personal account in a hundred shares a card with another (family members, a second account).
            PaymentFingerprint = previousPayment is not null && label is HonestArchetypes.CasualChat or HonestArchetypes.Developer && random.Chance(0.01)
                ? previousPayment
                : Payment(plan, random),
            EmailDomain = label is HonestArchetypes.AppBackend or HonestArchetypes.Reseller || (label == HonestArchetypes.Developer && random.Chance(0.3))
                ? CompanyDomain(random)
                : random.Pick(PersonalDomains),
            BillingCountry = country,
            Verified = random.Chance(label switch
            {
                HonestArchetypes.Reseller => 1.0,
                HonestArchetypes.AppBackend => 0.8,
                HonestArchetypes.AgenticPowerUser => 0.6,
                HonestArchetypes.Developer => 0.5,
                _ => 0.3,
            }),
            OrgId = label == HonestArchetypes.AppBackend && random.Chance(0.5) ? "org_" + StableHash.Hex(random.NextUInt64(), 8) : null,
        };
        var client = label switch
        {
            HonestArchetypes.CasualChat => ClientCatalog.Casual(random),
            HonestArchetypes.AgenticPowerUser => ClientCatalog.AgenticTool(random),
            _ => ClientCatalog.Developer(random),
        };
        var account = new SimAccount
        {
            Record = record,
            Label = label,
            Country = country,
            UtcOffsetHours = Countries.UtcOffset(country),
            Client = client,
            Asn = asn,
            Block = random.Next(4096),
            HostBase = random.Next(250),
            HostSpread = label is HonestArchetypes.AppBackend or HonestArchetypes.Reseller ? random.Next(1, 5) : 1,
            UsesIpv6 = asn.Type == AsnType.Isp && random.Chance(0.25),
            ApiKeys = label is HonestArchetypes.AppBackend or HonestArchetypes.Reseller ? random.Next(1, 4) : 1,
            ActiveFromTicks = record.CreatedAt!.Value.Ticks,
        };
        Add(plan, account, Persona(plan, label, random, null), random, ref order);
    }

    private static void Add(ScenarioPlan plan, SimAccount account, HonestPersona persona, SimRandom random, ref int order)
    {
        plan.Accounts.Add(account);
        var actorRandom = new SimRandom(random.NextUInt64());
        plan.Actors.Add(new HonestActor(account, ArchetypeProfile.For(account.Label), persona, actorRandom) { Order = order++ });
    }

    private static DateTime CreatedAt(ScenarioPlan plan, SimRandom random, double newInWindowShare)
    {
        if (random.Chance(newInWindowShare))
        {
            return plan.Start.AddHours(random.Uniform(0, (plan.End - plan.Start).TotalHours * 0.8));
        }

        return plan.Start.AddDays(-Math.Clamp(random.LogNormal(180, 0.9), 3, 900)).AddSeconds(random.Next(86400));
    }

    private static string Payment(ScenarioPlan plan, SimRandom random) => "pf_" + StableHash.Hex(StableHash.Mix(plan.Seed, random.NextUInt64()), 12);

    private static string CompanyDomain(SimRandom random) =>
        random.Pick(Vocabulary.Companies).ToLowerInvariant().Replace(" ", string.Empty, StringComparison.Ordinal) + StableHash.Hex(random.NextUInt64(), 3) + ".com";
}
