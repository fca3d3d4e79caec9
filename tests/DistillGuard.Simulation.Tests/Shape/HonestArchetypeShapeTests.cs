using DistillGuard.Core.Log;
using DistillGuard.Simulation.Honest;

namespace DistillGuard.Simulation.Tests.Shape;

public sealed class HonestArchetypeShapeTests(DefaultScenarioFixture fixture) : IClassFixture<DefaultScenarioFixture>
{
    private readonly ScenarioObservation _s = fixture.Observation;

    [Fact]
    public void EnterpriseSeats_SameOrg_SharePaymentNetworkAndProvisioningDay()
    {
        var orgs = _s.Records.Values.Where(r => _s.Labels[r.AccountId] == HonestArchetypes.EnterpriseSeat).GroupBy(r => r.OrgId).ToList();

        Assert.True(orgs.Count >= 5, $"only {orgs.Count} orgs");
        foreach (var org in orgs)
        {
            Assert.NotNull(org.Key);
            Assert.Single(org.Select(r => r.PaymentFingerprint).Distinct());
            Assert.All(org, r => Assert.Equal(SignupChannel.Enterprise, r.SignupChannel));
            Assert.All(org, r => Assert.True(r.Verified));
            var created = org.Select(r => r.CreatedAt!.Value).Order().ToList();
            var provisionedTogether = created.Count(c => c < created[0].AddDays(1));
            Assert.True(provisionedTogether >= created.Count / 2, $"org {org.Key}: only {provisionedTogether}/{created.Count} seats created within a day");
            var asns = org.SelectMany(r => _s.ByAccount.GetValueOrDefault(r.AccountId) ?? []).Select(x => x.Ip.Split('.')[0] + "." + x.Ip.Split('.')[1] + "." + x.Ip.Split('.')[2]).Distinct().Count();
            Assert.True(asns <= 1, $"org {org.Key} spans {asns} /24 blocks");
        }
    }

    [Fact]
    public void StartupTeams_ShareACompanyDomainThatNoOrgExplains_OneInThreeOnACompanyCard()
    {
        var developers = _s.Truth.Accounts.Where(a => a.Label is HonestArchetypes.Developer or HonestArchetypes.CompanyCardDeveloper).ToList();
        var teams = developers.Where(a => a.Group is not null).GroupBy(a => a.Group).ToList();

        Assert.True(teams.Count >= 5, $"only {teams.Count} startup teams");
        Assert.InRange(teams.Sum(t => t.Count()), developers.Count / 4, developers.Count / 3 + 12);
        var onCompanyCard = 0;
        foreach (var team in teams)
        {
            var records = team.Select(a => _s.Records[a.AccountId]).ToList();
            Assert.InRange(records.Count, 1, 12);
            var domain = Assert.Single(records.Select(r => r.EmailDomain).Distinct());
            Assert.EndsWith(".com", domain, StringComparison.Ordinal);
            Assert.All(records, r => Assert.Null(r.OrgId));
            var label = Assert.Single(team.Select(a => a.Label).Distinct());
            var cards = records.Select(r => r.PaymentFingerprint).Distinct().Count();
            if (label == HonestArchetypes.CompanyCardDeveloper)
            {
                onCompanyCard++;
                Assert.True(records.Count > 1, $"{team.Key}: a team of one on a company card");
                Assert.Equal(1, cards);
            }
            else
            {
                Assert.Equal(records.Count, cards);
            }
        }

        Assert.InRange(onCompanyCard, 1, teams.Count / 2);

        // Nobody outside the team signs up with its domain or pays with its company card.
        var teamDomains = teams.ToDictionary(t => _s.Records[t.First().AccountId].EmailDomain!, t => t.Key);
        Assert.All(_s.Records.Values.Where(r => r.EmailDomain is { } d && teamDomains.ContainsKey(d)),
            r => Assert.Equal(teamDomains[r.EmailDomain!], _s.Truth.Accounts.Single(a => a.AccountId == r.AccountId).Group));
        var companyCards = developers.Where(a => a.Label == HonestArchetypes.CompanyCardDeveloper)
            .GroupBy(a => _s.Records[a.AccountId].PaymentFingerprint!).ToDictionary(g => g.Key, g => g.First().Group);
        Assert.All(_s.Records.Values.Where(r => r.PaymentFingerprint is { } p && companyCards.ContainsKey(p)),
            r => Assert.Equal(companyCards[r.PaymentFingerprint!], _s.Truth.Accounts.Single(a => a.AccountId == r.AccountId).Group));
    }

    [Fact]
    public void CampusStudents_SameCampus_ShareNatIpsAndSignupWeeks()
    {
        var campuses = _s.Truth.Accounts.Where(a => a.Label == HonestArchetypes.CampusStudent).GroupBy(a => a.Group).ToList();

        Assert.NotEmpty(campuses);
        foreach (var campus in campuses)
        {
            var ips = campus.SelectMany(a => _s.ByAccount.GetValueOrDefault(a.AccountId) ?? []).Select(x => x.Ip).Distinct().Count();
            Assert.True(ips <= 4, $"{campus.Key}: {ips} NAT addresses");
            var created = campus.Select(a => _s.Records[a.AccountId].CreatedAt!.Value).ToList();
            Assert.True((created.Max() - created.Min()).TotalDays <= 14, $"{campus.Key}: sign-ups span {(created.Max() - created.Min()).TotalDays:0.0} days");
            Assert.True(campus.Count(a => _s.Records[a.AccountId].SignupChannel == SignupChannel.Education) > campus.Count() / 2);
            // Diverse behaviour: students ask for many different things.
            Assert.True(campus.SelectMany(a => _s.ByAccount.GetValueOrDefault(a.AccountId) ?? []).Select(x => x.Task).Distinct().Count() >= 4);
        }
    }

    [Fact]
    public void AppBackends_ConstantSystemPromptManyEndUsersAroundTheClock()
    {
        var backends = _s.AccountsLabelled(HonestArchetypes.AppBackend).ToList();

        Assert.NotEmpty(backends);
        foreach (var (id, exchanges) in backends)
        {
            Assert.Single(exchanges.Select(x => x.SystemPrompt).Distinct());
            Assert.NotNull(exchanges[0].SystemPrompt);
            Assert.True(exchanges.Select(x => x.EndUser).Distinct().Count() >= Math.Min(50, exchanges.Count / 4), $"{id}: too few end users");
            Assert.Equal(24, exchanges.Select(x => x.Timestamp.Hour).Distinct().Count());
        }
    }

    [Fact]
    public void BenchmarkRunners_TemplatedCotHeavyAndBursty()
    {
        var runners = _s.AccountsLabelled(HonestArchetypes.BenchmarkRunner).Where(r => r.Exchanges.Count >= 100).ToList();

        Assert.NotEmpty(runners);
        foreach (var (id, exchanges) in runners)
        {
            Assert.Single(exchanges.Select(x => x.TemplateId).Distinct());
            Assert.All(exchanges, x => Assert.Equal(1, x.UserTurns));
            var cot = exchanges.Count(x => x.Cot) / (double)exchanges.Count;
            Assert.InRange(cot, 0.5, 0.9);
            var perHour = exchanges.GroupBy(x => x.Timestamp.Ticks / TimeSpan.TicksPerHour).Select(g => g.Count()).ToList();
            var activeHoursShare = perHour.Count / ((_s.Run.End - _s.Run.Start).TotalHours);
            Assert.True(activeHoursShare < 0.3, $"{id}: active in {activeHoursShare:P0} of hours: not bursty");
            Assert.True(perHour.Max() >= 100, $"{id}: peak hour {perHour.Max()}");
        }
    }

    [Fact]
    public void AgenticPowerUsers_ToolsToolResultsAndLongSessions()
    {
        var users = _s.AccountsLabelled(HonestArchetypes.AgenticPowerUser).ToList();
        var all = users.SelectMany(u => u.Exchanges).ToList();

        Assert.True(all.Count(x => x.Tools) >= 0.95 * all.Count);
        Assert.True(all.Count(x => x.ToolResults > 0) >= 0.7 * all.Count);
        Assert.True(all.Average(x => x.ToolResults) >= 3);
    }

    [Fact]
    public void Resellers_ManyEndUsersAndDiverseSystemPrompts()
    {
        foreach (var (id, exchanges) in _s.AccountsLabelled(HonestArchetypes.Reseller))
        {
            Assert.True(exchanges.Select(x => x.EndUser).Distinct().Count() >= 1000, id);
            Assert.True(exchanges.Select(x => x.SystemPrompt).Distinct().Count() >= 20, id);
            Assert.True(exchanges.Select(x => x.Task).Distinct().Count() >= 6, id);
        }
    }

    [Fact]
    public void Volumes_HeavyTailedAcrossAccounts()
    {
        foreach (var label in new[] { HonestArchetypes.CasualChat, HonestArchetypes.Developer })
        {
            var counts = _s.Truth.Accounts.Where(a => a.Label == label).Select(a => a.Exchanges).Order().ToList();
            var median = counts[counts.Count / 2];
            var p99 = counts[(int)(counts.Count * 0.99)];
            Assert.True(p99 >= 6 * Math.Max(1, median), $"{label}: median {median}, p99 {p99}");
        }
    }

    [Fact]
    public void CasualChat_DiurnalInLocalTime()
    {
        double LocalShare(string country, int fromHour, int toHour)
        {
            var offset = country == "US" ? -6 : 9;
            var xs = _s.AccountsLabelled(HonestArchetypes.CasualChat).SelectMany(a => a.Exchanges).Where(x => x.Country == country).ToList();
            return xs.Count(x => ((x.Timestamp.Hour + offset + 24) % 24) is var h && h >= fromHour && h < toHour) / (double)xs.Count;
        }

        // Evenings are busy and small hours quiet in the user's own time zone, whichever country.
        Assert.True(LocalShare("US", 18, 23) > 5 * LocalShare("US", 1, 6));
        Assert.True(LocalShare("JP", 18, 23) > 5 * LocalShare("JP", 1, 6));
    }

    [Fact]
    public void HonestAccounts_MostlyUnderPaymentReuse()
    {
        var shared = _s.Records.Values
            .Where(r => _s.Labels[r.AccountId] is HonestArchetypes.CasualChat or HonestArchetypes.Developer && r.PaymentFingerprint is not null)
            .GroupBy(r => r.PaymentFingerprint)
            .Max(g => g.Count());

        Assert.True(shared <= 3, $"an individual payment instrument is shared by {shared} accounts");
    }
}
