using DistillGuard.Core.Log;
using DistillGuard.Simulation.Campaigns;

namespace DistillGuard.Simulation.Tests.Shape;

public sealed class CampaignPresetShapeTests(DefaultScenarioFixture fixture) : IClassFixture<DefaultScenarioFixture>
{
    private readonly ScenarioObservation _s = fixture.Observation;

    private List<ObservedExchange> All(string campaign) => [.. _s.AccountsLabelled(campaign).SelectMany(a => a.Exchanges).OrderBy(x => x.Timestamp)];

    [Fact]
    public void MiniMax_MovesAboutHalfItsTrafficToTheNewModelWithin24Hours()
    {
        var release = _s.Run.Models.Single(m => m.Model == CampaignPresets.NewModel).ReleasedAt;
        var traffic = All(CampaignPresets.MiniMax);

        var firstOnNew = traffic.First(x => x.Model == CampaignPresets.NewModel).Timestamp;
        var dayAfter = traffic.Where(x => x.Timestamp >= release.AddHours(24) && x.Timestamp < release.AddHours(48)).ToList();
        var share = dayAfter.Count(x => x.Model == CampaignPresets.NewModel) / (double)dayAfter.Count;

        Assert.InRange((firstOnNew - release).TotalHours, 0, 24);
        Assert.InRange(share, 0.42, 0.58);
        Assert.DoesNotContain(traffic, x => x.Timestamp < release && x.Model == CampaignPresets.NewModel);
    }

    [Fact]
    public void Qwen_AboutTwentySixExchangesPerAccountPerDay()
    {
        var qwen = _s.Run.Definition.Campaigns.Single(c => c.Name == CampaignPresets.Qwen);
        // Whole UTC days once every account is live (creation waves end at 30% of the campaign).
        var from = qwen.Start.AddDays(Math.Ceiling(qwen.DurationDays * 0.3) + 2).Date;
        var to = qwen.Start.AddDays(qwen.DurationDays).Date;
        var perAccountDay = _s.AccountsLabelled(CampaignPresets.Qwen)
            .Select(a => a.Exchanges.Count(x => x.Timestamp >= from && x.Timestamp < to) / (to - from).TotalDays)
            .ToList();

        Assert.InRange(perAccountDay.Average(), 26.2 * 0.9, 26.2 * 1.1);
    }

    [Fact]
    public void Qwen_RegionControlsEngineeredAround_IpsAbroadButOperatorsWorkingDay()
    {
        var traffic = All(CampaignPresets.Qwen);
        var accounts = _s.AccountsLabelled(CampaignPresets.Qwen).Select(a => _s.Records[a.Id]).ToList();

        Assert.DoesNotContain(traffic, x => x.Country == "CN");
        Assert.DoesNotContain(accounts, a => a.BillingCountry == "CN");
        // IPs say US, SG, JP...; the pipeline still sleeps at night in UTC+8.
        Assert.DoesNotContain(traffic, x => (x.Timestamp.Hour + 8) % 24 is >= 1 and < 3);
        Assert.True(traffic.Count(x => x.Country == "US") > traffic.Count / 20);
    }

    [Fact]
    public void DeepSeek_RoundRobinSharedPaymentSingleClient()
    {
        var accounts = _s.AccountsLabelled(CampaignPresets.DeepSeek).ToList();
        // Once every account is live, the load balancer hands each the same share.
        var allLive = accounts.Max(a => a.Exchanges[0].Timestamp);
        var counts = accounts.Select(a => (double)a.Exchanges.Count(x => x.Timestamp > allLive)).ToList();
        var mean = counts.Average();
        var sd = Math.Sqrt(counts.Sum(c => (c - mean) * (c - mean)) / counts.Count);
        var payments = accounts.Select(a => _s.Records[a.Id].PaymentFingerprint).Distinct().Count();

        Assert.True(sd / mean < 0.02, $"round-robin should spread evenly, cv {sd / mean:0.000}");
        Assert.True(payments <= (accounts.Count / 12) + 1, $"{payments} payment instruments for {accounts.Count} accounts");
        var tasks = All(CampaignPresets.DeepSeek).Where(x => !x.Filler).GroupBy(x => x.Task).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(["censorship_rewrite", "grading_reward", "reasoning"], tasks.Keys.Order());
    }

    [Fact]
    public void Moonshot_SeveralAccountTypesVisionAndLaterTraceReconstruction()
    {
        var moonshot = _s.Run.Definition.Campaigns.Single(c => c.Name == CampaignPresets.Moonshot);
        var phase = moonshot.Start.AddDays(moonshot.DurationDays * moonshot.LaterPhaseStartsAt);
        var traffic = All(CampaignPresets.Moonshot).Where(x => !x.Filler).ToList();
        var channels = _s.AccountsLabelled(CampaignPresets.Moonshot).Select(a => _s.Records[a.Id].SignupChannel).Distinct().Count();

        Assert.True(channels >= 3, $"{channels} sign-up channels");
        Assert.DoesNotContain(traffic, x => x.Timestamp < phase && x.Task == "trace_reconstruction");
        var later = traffic.Where(x => x.Timestamp >= phase).ToList();
        Assert.InRange(later.Count(x => x.Task == "trace_reconstruction") / (double)later.Count, 0.5, 0.7);
        Assert.Contains(traffic, x => x.Task == "vision" && x.Images > 0);
        Assert.Contains(traffic, x => x.Task == "computer_use" && x.Tools);
    }

    [Fact]
    public void Hydra_MixesCustomerTrafficAndReplacesBannedAccountsAtOnce()
    {
        var hydra = _s.Truth.Campaigns.Single(c => c.Name == CampaignPresets.Hydra);
        var slots = _s.Run.Definition.Campaigns.Single(c => c.Name == CampaignPresets.Hydra).Accounts;
        var traffic = All(CampaignPresets.Hydra);

        Assert.InRange(hydra.FillerExchanges / (double)hydra.Exchanges, 0.45, 0.55);
        Assert.True(hydra.Accounts > 2 * slots, $"{hydra.Accounts} accounts for {slots} slots: no replacement");
        Assert.True(traffic.Where(x => x.Filler).Select(x => x.EndUser).Distinct().Count() > 1000);
    }

    [Fact]
    public void Campaigns_TemplatedAndStayUnderAPerAccountQuota()
    {
        foreach (var campaign in CampaignPresets.Names)
        {
            var accounts = _s.AccountsLabelled(campaign).ToList();
            Assert.NotEmpty(accounts);
            var maxDaily = accounts.Max(a => a.Exchanges.GroupBy(x => x.Timestamp.Date).Max(g => g.Count()));
            Assert.True(maxDaily < 500, $"{campaign}: an account sent {maxDaily} exchanges in a day");
            var tactics = _s.Run.Definition.Campaigns.Single(c => c.Name == campaign);
            var harvest = accounts.SelectMany(a => a.Exchanges).Where(x => !x.Filler).ToList();
            var tasks = tactics.Tasks.Count + (tactics.LaterPhaseTasks?.Count ?? 0);
            var templates = harvest.Select(x => x.TemplateId).Distinct().Count();
            Assert.True(templates <= tasks * tactics.TemplatesPerTask, $"{campaign}: {templates} template families for {harvest.Count} prompts");
            Assert.DoesNotContain(harvest, x => x.TemplateId is null);
        }
    }

    [Fact]
    public void Campaigns_CotShareFollowsTheKnob()
    {
        foreach (var tactics in _s.Run.Definition.Campaigns)
        {
            var harvest = All(tactics.Name).Where(x => !x.Filler).ToList();
            var cot = harvest.Count(x => x.Cot) / (double)harvest.Count;
            Assert.InRange(cot, tactics.CotShare - 0.05, tactics.CotShare + 0.05);
        }
    }

    [Fact]
    public void Campaigns_ShareInfrastructureAcrossAccounts()
    {
        foreach (var tactics in _s.Run.Definition.Campaigns)
        {
            var accounts = _s.AccountsLabelled(tactics.Name).Select(a => _s.Records[a.Id]).ToList();
            var payments = accounts.Select(a => a.PaymentFingerprint).Distinct().Count();
            Assert.True(payments < accounts.Count, $"{tactics.Name}: no payment reuse");
            Assert.All(accounts, a => Assert.NotEqual(SignupChannel.Enterprise, a.SignupChannel));
        }
    }
}
