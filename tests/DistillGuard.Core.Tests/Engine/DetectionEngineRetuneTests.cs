using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;

namespace DistillGuard.Core.Tests.Engine;

/// <summary>
/// New verdict thresholds put into force while the engine runs (the gateway's configuration reload): every account is
/// re-decided on the evidence seen so far, so the verdicts end as a run with those thresholds from the start ends,
/// while what was already decided is not rewritten.
/// </summary>
public sealed class DetectionEngineRetuneTests
{
    private static readonly DetectionOptions Stricter = new() { ReviewRisk = 0.45, ThrottleRisk = 0.65, BlockRisk = 0.85, HoldConversationalUse = false };

    // A team on its company card, held at review by default, among casual users.
    private static TrafficBuilder Traffic() => new TrafficBuilder().StartupTeam("acme-robotics.example", 10, 30, 3, companyCard: true).Casual(150, 4, 3);

    [Fact]
    public void Retune_MidwayToStricterThresholds_EndsWithTheVerdictsOfARunWithThemFromTheStart()
    {
        var traffic = Traffic();
        var byDefault = EngineRun.Run(traffic);
        var reference = EngineRun.Run(traffic, options: Copy(Stricter));
        var ordered = EngineRun.InOrder(traffic);
        var midway = ordered[ordered.Count / 2].Timestamp;

        var engine = EngineRun.WithAccounts(traffic);
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i == ordered.Count / 2)
            {
                engine.Retune(Copy(Stricter));
            }

            engine.Observe(ordered[i]);
        }

        var retuned = engine.BuildFindings(0, EngineRun.GeneratedAt);

        // Not vacuous: the stricter thresholds enforce accounts the default ones leave at review.
        Assert.True(Enforced(reference) >= Enforced(byDefault) + 10, $"{Enforced(reference)} enforced with the stricter thresholds, {Enforced(byDefault)} by default");
        Assert.Equal(reference.Accounts.Select(Decision), retuned.Accounts.Select(Decision));
        Assert.Equal(reference.Campaigns.Select(c => (c.CampaignId, c.Accounts)), retuned.Campaigns.Select(c => (c.CampaignId, c.Accounts)));
        // What was decided before the change stays: the team was held at review from its first day, so it has a lapse
        // that the change ended, where the stricter run, never holding it, has none.
        var team = retuned.Accounts.Where(a => a.AccountId.StartsWith("team_acme", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, team.Count);
        Assert.All(team, a =>
        {
            var lapse = Assert.Single(a.Lapses!);
            Assert.True(lapse.From < midway && lapse.To >= midway, $"{a.AccountId}: at review {lapse.From} – {lapse.To}, thresholds changed {midway}");
        });
        Assert.All(reference.Accounts, a => Assert.Null(a.Lapses));
    }

    [Fact]
    public void Retune_MidwayToARiskModelWeighingCardsMore_EndsWithTheRisksOfARunWithItFromTheStart()
    {
        // A refit deployed without a restart: here one that weighs a shared card twice as much.
        var traffic = new TrafficBuilder().Campaign("cmpA", 30, 40, 3).StartupTeam("tinyco.dev", 6, 2, 3, companyCard: true, signedUpDaysBefore: 1).Casual(150, 4, 3);
        var payment = RiskCoefficients.IndexOf("w_payment");
        var refit = new DetectionOptions { RiskModel = RiskCoefficients.Default.With(payment, 2 * RiskCoefficients.Default[payment]) };
        var byDefault = EngineRun.Run(traffic);
        var reference = EngineRun.Run(traffic, options: new DetectionOptions { RiskModel = refit.RiskModel });
        var ordered = EngineRun.InOrder(traffic);

        var engine = EngineRun.WithAccounts(traffic);
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i == ordered.Count / 2)
            {
                Assert.True(engine.Retune(refit));
            }

            engine.Observe(ordered[i]);
        }

        var retuned = engine.BuildFindings(0, EngineRun.GeneratedAt);

        Assert.NotEqual(byDefault.Accounts.Select(Decision), reference.Accounts.Select(Decision));
        Assert.Equal(reference.Accounts.Select(Decision), retuned.Accounts.Select(Decision));
        Assert.Equal(refit.RiskModel.Fingerprint, retuned.Input.RiskModel);
        Assert.False(engine.Retune(refit), "the same options again change nothing");
    }

    [Fact]
    public void Retune_WithNoFurtherTraffic_AccountsReDecidedAtTheNextTick()
    {
        var traffic = Traffic();
        var engine = EngineRun.Feed(traffic);
        var last = traffic.Exchanges.Max(e => e.Timestamp);
        engine.Advance(last.AddMinutes(20));
        var changes = new List<AccountStatus>();
        engine.VerdictChanged += changes.Add;

        engine.Retune(Copy(Stricter));
        var before = changes.Count;
        engine.Advance(last.AddMinutes(40));

        Assert.Equal(0, before);
        // The company-card team, no longer held, is enforced; nobody else changes.
        Assert.Equal(10, changes.Count);
        Assert.All(changes, c => Assert.True(c.AccountId.StartsWith("team_acme", StringComparison.Ordinal) && c.Verdict is Verdict.Throttle or Verdict.Block, c.ToString()));
        Assert.Equal(Stricter.ThrottleRisk, engine.Options.ThrottleRisk);
        Assert.False(engine.Options.HoldConversationalUse);
    }

    [Fact]
    public void BuildFindings_AccountsEnforcedUnderLowerThresholdsThenAtAllowAgain_ListedAsReleasedWithTheirEnforcement()
    {
        // Thresholds lowered for the middle third of the traffic, then put back: a startup team linked by its domain and
        // office, never flagged with the defaults, is enforced meanwhile and at allow by the end. The spec's accounts
        // list leaves it out; released_accounts keeps what was done to it, for evaluate to count.
        var traffic = new TrafficBuilder().StartupTeam("tinyco.dev", 12, 15, 3).Casual(150, 4, 3);
        var ordered = EngineRun.InOrder(traffic);
        var engine = EngineRun.WithAccounts(traffic);
        for (var i = 0; i < ordered.Count; i++)
        {
            if (i == ordered.Count / 3)
            {
                engine.Retune(new DetectionOptions { ReviewRisk = 0.05, ThrottleRisk = 0.1, BlockRisk = 0.95 });
            }
            else if (i == 2 * ordered.Count / 3)
            {
                engine.Retune(new DetectionOptions());
            }

            engine.Observe(ordered[i]);
        }

        var findings = engine.BuildFindings(0, EngineRun.GeneratedAt);

        Assert.Empty(findings.Accounts);
        var released = findings.ReleasedAccounts;
        Assert.NotNull(released);
        Assert.True(released.Count >= 6, $"{released.Count} released");
        Assert.All(released, r => Assert.StartsWith("team_tinyco.dev_", r.AccountId, StringComparison.Ordinal));
        Assert.Equal(released.OrderBy(r => r.AccountId, StringComparer.Ordinal).Select(r => r.AccountId), released.Select(r => r.AccountId));
        Assert.All(released, r =>
        {
            var release = Assert.Single(r.Lapses);
            Assert.True(release.From > r.FirstEnforcedAt && release.To is null, $"{r.AccountId}: enforced {r.FirstEnforcedAt}, released {release.From}");
        });
        Assert.Contains("\"released_accounts\": [", FindingsSerializer.ToJson(findings), StringComparison.Ordinal);
        Assert.DoesNotContain("\"released_accounts\"", FindingsSerializer.ToJson(EngineRun.Run(traffic)), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0.0, 0.75, 0.9)]
    [InlineData(0.8, 0.75, 0.9)]
    [InlineData(0.5, 0.95, 0.9)]
    [InlineData(0.5, 0.75, 1.1)]
    public void Retune_ThresholdsOutOfOrder_ThrowsAndChangesNothing(double review, double throttle, double block)
    {
        var engine = EngineRun.Feed(Traffic());

        var error = Assert.Throws<ArgumentException>(() => engine.Retune(new DetectionOptions { ReviewRisk = review, ThrottleRisk = throttle, BlockRisk = block, HoldConversationalUse = false }));

        Assert.Contains("0 < review <= throttle <= block <= 1", error.Message, StringComparison.Ordinal);
        Assert.Equal((0.5, 0.75, 0.9, true), (engine.Options.ReviewRisk, engine.Options.ThrottleRisk, engine.Options.BlockRisk, engine.Options.HoldConversationalUse));
    }

    private static DetectionOptions Copy(DetectionOptions o) => new()
    {
        ReviewRisk = o.ReviewRisk, ThrottleRisk = o.ThrottleRisk, BlockRisk = o.BlockRisk, HoldConversationalUse = o.HoldConversationalUse,
    };

    private static int Enforced(FindingsDocument findings) => findings.Accounts.Count(a => a.Verdict is "throttle" or "block");

    private static (string, string, double, string?) Decision(AccountFinding a) => (a.AccountId, a.Verdict, a.Risk, a.CampaignId);
}
