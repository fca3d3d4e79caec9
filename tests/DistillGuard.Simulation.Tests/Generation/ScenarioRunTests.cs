using System.Text.Json;
using DistillGuard.Core.Log;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Honest;
using DistillGuard.Simulation.Scenarios;

namespace DistillGuard.Simulation.Tests.Generation;

public sealed class ScenarioRunTests
{
    public static TheoryData<string> ScenarioNames => [.. ScenarioCatalog.Names];

    /// <summary>Tiny but non-empty: every campaign keeps its minimum of three accounts.</summary>
    internal static SimulationOptions Tiny(string scenario, ulong seed = 3) => scenario switch
    {
        ScenarioCatalog.Default => new SimulationOptions { Seed = seed, Scale = 0.05 },
        ScenarioCatalog.Full => new SimulationOptions { Seed = seed, Scale = 0.0003 },
        _ => new SimulationOptions { Seed = seed, Scale = 0.002 },
    };

    [Theory]
    [MemberData(nameof(ScenarioNames))]
    public void Exchanges_EveryScenarioAtTinyScale_InTimeOrderValidJsonAndLabelled(string scenario)
    {
        var run = ScenarioRun.Create(scenario, Tiny(scenario));
        var known = run.Accounts.Select(a => a.AccountId).ToHashSet(StringComparer.Ordinal);
        var previous = DateTime.MinValue;
        var count = 0L;
        var campaignExchanges = 0L;

        foreach (var x in run.Exchanges())
        {
            var e = x.Exchange;
            Assert.True(e.Timestamp >= previous, $"{e.Timestamp:o} after {previous:o}");
            Assert.InRange(e.Timestamp, run.Start, run.End);
            Assert.Contains(e.AccountId, known);
            using var request = JsonDocument.Parse(x.RequestJson);
            using var response = JsonDocument.Parse(x.ResponseJson);
            Assert.Equal(e.Model, request.RootElement.GetProperty("model").GetString());
            if (e.Api == ApiShape.OpenAIChat)
            {
                Assert.True(response.RootElement.TryGetProperty("choices", out _));
                Assert.True(request.RootElement.TryGetProperty("max_completion_tokens", out _));
            }
            else
            {
                Assert.Equal(ApiShape.AnthropicMessages, e.Api);
                Assert.True(response.RootElement.TryGetProperty("content", out _));
                Assert.True(request.RootElement.TryGetProperty("max_tokens", out _));
            }

            Assert.True(e.Usage.InputTokens > 0 && e.Usage.OutputTokens > 0);
            Assert.Equal(x.Label, run.LabelOf(e.AccountId));
            campaignExchanges += Honest.HonestArchetypes.IsHonest(x.Label) ? 0 : 1;
            previous = e.Timestamp;
            count++;
        }

        var truth = run.BuildTruth();
        Assert.Equal(count, truth.Exchanges);
        Assert.Equal(count, truth.Accounts.Sum(a => a.Exchanges));
        Assert.True(campaignExchanges > 0, "no campaign traffic");
        Assert.True(count - campaignExchanges > 0, "no honest traffic");
        Assert.All(truth.Campaigns, c => Assert.True(c.Exchanges > 0, $"{c.Name} sent nothing"));
    }

    [Fact]
    public void Exchanges_EnumeratedTwice_Throws()
    {
        var run = ScenarioRun.Create("default", Tiny("default"));
        _ = run.Exchanges().Take(1).ToList();

        Assert.Throws<InvalidOperationException>(() => run.Exchanges());
    }

    [Fact]
    public void Create_UnknownScenario_ThrowsNamingKnownOnes()
    {
        var ex = Assert.Throws<ArgumentException>(() => ScenarioRun.Create("nope"));

        Assert.Contains("default", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DefinitionCountingCompanyCardDevelopersOnTheirOwn_ThrowsNamingDevelopers()
    {
        var definition = ScenarioCatalog.Get(ScenarioCatalog.Default) with
        {
            Honest = new Dictionary<string, int> { [HonestArchetypes.CompanyCardDeveloper] = 20 },
        };

        var ex = Assert.Throws<ArgumentException>(() => ScenarioRun.Create(definition, Tiny(ScenarioCatalog.Default)));

        Assert.Contains("list 'developer'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_DaysOption_ClipsWindowAndCampaigns()
    {
        var run = ScenarioRun.Create("default", new SimulationOptions { Seed = 1, Scale = 0.05, Days = 2 });
        var last = DateTime.MinValue;
        foreach (var x in run.Exchanges())
        {
            last = x.Exchange.Timestamp;
        }

        Assert.Equal(run.Start.AddDays(2), run.End);
        Assert.True(last < run.End);
        // Only campaigns starting in the first two days send anything.
        Assert.All(run.BuildTruth().Campaigns, c => Assert.Equal(c.Exchanges > 0, c.Name is "qwen-2026-06" or "hydra-proxy"));
    }

    [Fact]
    public void Accounts_IdsRevealNoLabelOrder()
    {
        var run = ScenarioRun.Create("default", Tiny("default"));
        var labels = run.Accounts.Select(a => run.LabelOf(a.AccountId)!).ToList();

        // Sorted by id, campaign and honest accounts interleave instead of forming blocks.
        var switches = labels.Zip(labels.Skip(1)).Count(p => p.First != p.Second);
        Assert.True(switches > labels.Count / 4, $"{switches} label changes among {labels.Count} accounts");
        Assert.All(run.Accounts, a => Assert.Matches("^acct_[0-9a-f]{12}$", a.AccountId));
    }

    [Fact]
    public void Accounts_SigningUpDuringTheScenario_CountFromTheirSignUpOthersFromTheStart()
    {
        var run = ScenarioRun.Create("default", Tiny("default"));

        var during = run.Accounts.Where(a => a.CreatedAt > run.Start).ToList();
        Assert.NotEmpty(during);
        Assert.Contains(run.Accounts, a => a.CreatedAt <= run.Start);
        Assert.All(run.Accounts, a => Assert.Equal(a.CreatedAt > run.Start ? a.CreatedAt : null, a.EffectiveFrom));
        // hydra-proxy signs its accounts up as it goes: most of them are among those counted from their sign-up.
        var hydra = run.Accounts.Where(a => run.LabelOf(a.AccountId) == "hydra-proxy").ToList();
        Assert.True(hydra.Count(a => a.EffectiveFrom is not null) * 2 > hydra.Count, $"{hydra.Count(a => a.EffectiveFrom is not null)} of {hydra.Count}");
    }
}
