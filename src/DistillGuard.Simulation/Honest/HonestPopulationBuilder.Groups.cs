using DistillGuard.Core.Log;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Network;
using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Honest;

/// <summary>Accounts that come in groups and legitimately share attributes.</summary>
internal static partial class HonestPopulationBuilder
{
    private static void BuildEnterprises(ScenarioPlan plan, int seats, SimRandom random, ref int order)
    {
        var orgIndex = 0;
        while (seats > 0)
        {
            var size = Math.Min(seats, Math.Clamp((int)random.LogNormal(22, 0.8), 5, 200));
            seats -= size;
            var country = Countries.Honest[random.PickWeighted(Countries.HonestWeightArray)].Code;
            var company = random.Pick(Vocabulary.Companies) + " " + (orgIndex++ == 0 ? "Group" : "Division " + orgIndex.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var orgId = "org_" + StableHash.Hex(random.NextUInt64(), 10);
            var payment = Payment(plan, random);
            var domain = CompanyDomain(random);
            var asn = NetworkCatalog.Business(company, country);
            var block = random.Next(4096);
            var provisioned = CreatedAt(plan, random, 0.05);
            var client = random.Chance(0.5) ? ClientCatalog.Java(random) : ClientCatalog.Developer(random);
            var system = random.Chance(0.5) ? SystemPrompts.ForEnterprise(company) : null;
            var api = random.Chance(0.7) ? ApiShape.AnthropicMessages : ApiShape.OpenAIChat;
            for (var i = 0; i < size; i++)
            {
                // Most seats are provisioned in one go; the rest join over the following months.
                var created = random.Chance(0.8) ? provisioned.AddMinutes(random.Next(0, 24 * 60)) : provisioned.AddDays(random.Uniform(1, 120));
                var account = new SimAccount
                {
                    Record = new AccountRecord
                    {
                        AccountId = plan.NextAccountId(),
                        CreatedAt = created,
                        SignupChannel = SignupChannel.Enterprise,
                        PaymentFingerprint = payment,
                        EmailDomain = domain,
                        BillingCountry = country,
                        Verified = true,
                        OrgId = orgId,
                    },
                    Label = HonestArchetypes.EnterpriseSeat,
                    Country = country,
                    UtcOffsetHours = Countries.UtcOffset(country),
                    Client = client,
                    Asn = asn,
                    Block = block,
                    HostBase = 10,
                    HostSpread = 6,
                    ApiKeys = 1,
                    ActiveFromTicks = created.Ticks,
                    Group = orgId,
                };
                // Seats of one org share its API shape and internal system prompt; the rest is per person.
                var p = Persona(plan, HonestArchetypes.EnterpriseSeat, random, null);
                var persona = new HonestPersona
                {
                    Api = api, Model = p.Model, AdoptNewModelAtTicks = p.AdoptNewModelAtTicks, Tasks = p.Tasks, TaskWeights = p.TaskWeights,
                    SystemPrompt = system, ThinkingShare = p.ThinkingShare, RealPromptShare = p.RealPromptShare, MaxTokens = p.MaxTokens, ImageShare = p.ImageShare,
                };
                Add(plan, account, persona, random, ref order);
            }
        }
    }

    /// <summary>Share of developers who work in a startup team rather than alone.</summary>
    private const double StartupTeamShare = 0.3;

    /// <summary>One startup team in this many pays for every member's account with one company card.</summary>
    private const int CompanyCardOneIn = 3;

    /// <summary>
    /// Small companies whose developers each bought their own account with the company's e-mail domain: no org_id, so
    /// nothing in the accounts file explains the shared domain. They join within days of each other, work from one
    /// office network (some from home), and code with the same SDK: the honest look-alike of an operator's sign-up
    /// domain. Most pay with a card each; one team in <see cref="CompanyCardOneIn"/> puts every account on the company
    /// card (<see cref="HonestArchetypes.CompanyCardDeveloper"/>), the honest look-alike of an operator's shared card.
    /// Which teams do is read off the domain's hash, so the scenario's random stream, and every other account, is the
    /// same as before they did.
    /// </summary>
    private static void BuildStartupTeams(ScenarioPlan plan, int developers, SimRandom random, ref int order)
    {
        while (developers > 0)
        {
            var size = Math.Min(developers, random.Next(2, 13));
            developers -= size;
            var country = Countries.Honest[random.PickWeighted(Countries.HonestWeightArray)].Code;
            var company = random.Pick(Vocabulary.Companies) + " " + random.Next(1000).ToString(System.Globalization.CultureInfo.InvariantCulture);
            var domain = CompanyDomain(random);
            var office = NetworkCatalog.Business(company, country);
            var block = random.Next(4096);
            // A young startup signs up in the window now and then; its first members join within a week of each other.
            var founded = CreatedAt(plan, random, 0.15);
            var client = ClientCatalog.Developer(random);
            var team = "team:" + domain;
            var companyCard = size > 1 && StableHash.Of(domain) % CompanyCardOneIn == 0;
            string? card = null;
            for (var i = 0; i < size; i++)
            {
                var created = random.Chance(0.7) ? founded.AddHours(random.Uniform(0, 7 * 24)) : founded.AddDays(random.Uniform(7, 200));
                var fromHome = random.Chance(0.3);
                var account = new SimAccount
                {
                    Record = new AccountRecord
                    {
                        AccountId = plan.NextAccountId(),
                        CreatedAt = created,
                        SignupChannel = random.Chance(0.3) ? SignupChannel.StartupProgram : SignupChannel.Standard,
                        // Each member's own card is drawn, in its place in the stream, either way; the first one's becomes the company's.
                        PaymentFingerprint = TeamCard(companyCard, ref card, Payment(plan, random)),
                        EmailDomain = domain,
                        BillingCountry = country,
                        Verified = random.Chance(0.5),
                    },
                    Label = companyCard ? HonestArchetypes.CompanyCardDeveloper : HonestArchetypes.Developer,
                    Country = country,
                    UtcOffsetHours = Countries.UtcOffset(country),
                    Client = random.Chance(0.8) ? client : ClientCatalog.Developer(random),
                    Asn = fromHome ? NetworkCatalog.IspIn(country, random) : office,
                    Block = fromHome ? random.Next(4096) : block,
                    HostBase = fromHome ? random.Next(250) : 20,
                    HostSpread = fromHome ? 1 : 8,
                    ActiveFromTicks = created.Ticks,
                    Group = team,
                };
                Add(plan, account, Persona(plan, HonestArchetypes.Developer, random, null), random, ref order);
            }
        }
    }

    private static string TeamCard(bool companyCard, ref string? card, string own) => companyCard ? card ??= own : own;

    private static void BuildCampuses(ScenarioPlan plan, int students, SimRandom random, ref int order)
    {
        while (students > 0)
        {
            var size = Math.Min(students, Math.Clamp((int)random.LogNormal(60, 0.6), 15, 250));
            students -= size;
            var country = random.Chance(0.5) ? "US" : random.Pick(new[] { "GB", "DE", "CA", "JP", "KR", "SG", "FR", "BR" });
            var campus = NetworkCatalog.EducationIn(country, random);
            var domain = "stu." + campus.Org.Split(' ')[^1].ToLowerInvariant() + StableHash.Hex((ulong)campus.Number, 2) + ".edu";
            var block = random.Next(4096);
            var natBase = random.Next(200);
            // Sign-ups cluster in the first weeks of term.
            var termStart = plan.Start.AddDays(-random.Uniform(10, 60));
            for (var i = 0; i < size; i++)
            {
                var created = termStart.AddHours(random.Uniform(0, 14 * 24));
                var account = new SimAccount
                {
                    Record = new AccountRecord
                    {
                        AccountId = plan.NextAccountId(),
                        CreatedAt = created,
                        SignupChannel = random.Chance(0.85) ? SignupChannel.Education : SignupChannel.Standard,
                        PaymentFingerprint = random.Chance(0.3) ? null : Payment(plan, random),
                        EmailDomain = domain,
                        BillingCountry = country,
                        Verified = random.Chance(0.2),
                    },
                    Label = HonestArchetypes.CampusStudent,
                    Country = country,
                    UtcOffsetHours = Countries.UtcOffset(country),
                    Client = ClientCatalog.Casual(random),
                    Asn = campus,
                    Block = block,
                    HostBase = natBase,
                    HostSpread = 4,
                    ActiveFromTicks = created.Ticks,
                    Group = "campus:" + campus.Number.ToString(System.Globalization.CultureInfo.InvariantCulture) + ":" + block.ToString(System.Globalization.CultureInfo.InvariantCulture),
                };
                Add(plan, account, Persona(plan, HonestArchetypes.CampusStudent, random, null), random, ref order);
            }
        }
    }

    private static readonly string[] BenchmarkTemplates =
    [
        "Question: {problem}\n\nThink step by step and show your reasoning, then give the final answer on the last line as 'Answer: <value>'.",
        "The following is a multiple choice question about {subject}.\n\n{problem}\nA) {num}\nB) {num}\nC) {num}\nD) {num}\n\nLet's think step by step. Finish with 'The answer is (X)'.",
        "[System] Please act as an impartial judge and evaluate the quality of the response provided by an AI assistant to the user question displayed below. Rate the response on a scale of 1 to 10 by strictly following this format: \"[[rating]]\".\n\n[Question]\n{problem}\n\n[The Start of Assistant's Answer]\n{text}\n[The End of Assistant's Answer]",
        "Complete the following {lang} function so that it passes the hidden tests. Return only code.\n\n{code}",
        "Problem {id}: {problem}\nProvide a rigorous solution. Put the final answer in \\boxed{{}}.",
    ];

    private static void BuildLabs(ScenarioPlan plan, int runners, SimRandom random, ref int order)
    {
        while (runners > 0)
        {
            var size = Math.Min(runners, random.Next(1, 5));
            runners -= size;
            var country = random.Chance(0.5) ? "US" : random.Pick(new[] { "GB", "DE", "CA", "JP", "KR", "SG", "FR" });
            var onCampus = random.Chance(0.5);
            var asn = onCampus ? NetworkCatalog.EducationIn(country, random) : NetworkCatalog.Hosting[random.Next(4)];
            var labId = "org_lab" + StableHash.Hex(random.NextUInt64(), 8);
            var payment = Payment(plan, random);
            var template = random.Pick(BenchmarkTemplates);
            var block = random.Next(4096);
            var created = CreatedAt(plan, random, 0.02);
            for (var i = 0; i < size; i++)
            {
                var seatCreated = created.AddDays(random.Uniform(0, 20));
                var account = new SimAccount
                {
                    Record = new AccountRecord
                    {
                        AccountId = plan.NextAccountId(),
                        CreatedAt = seatCreated,
                        SignupChannel = random.Chance(0.6) ? SignupChannel.ResearchProgram : SignupChannel.Education,
                        PaymentFingerprint = payment,
                        EmailDomain = onCampus ? "cs." + asn.Org.Split(' ')[^1].ToLowerInvariant() + ".edu" : "lab" + StableHash.Hex((ulong)block, 3) + ".ai",
                        BillingCountry = country,
                        Verified = random.Chance(0.7),
                        OrgId = labId,
                    },
                    Label = HonestArchetypes.BenchmarkRunner,
                    Country = country,
                    UtcOffsetHours = Countries.UtcOffset(country),
                    Client = new ClientFingerprint(random.Chance(0.5) ? "OpenAI/Python 1.54.3" : "Anthropic/Python 0.42.0", ClientCatalog.TlsPython),
                    Asn = asn,
                    Block = block,
                    HostBase = random.Next(250),
                    HostSpread = 2,
                    ActiveFromTicks = seatCreated.Ticks,
                    Group = labId,
                };
                var p = Persona(plan, HonestArchetypes.BenchmarkRunner, random, template);
                Add(plan, account, p, random, ref order);
            }
        }
    }
}
