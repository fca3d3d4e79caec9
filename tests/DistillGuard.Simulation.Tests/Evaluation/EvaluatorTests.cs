using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Evaluation;
using DistillGuard.Simulation.Truth;

namespace DistillGuard.Simulation.Tests.Evaluation;

/// <summary>
/// A hand-made scenario: honest c1, c2 (casual_chat), d1, d2 (developer), z (developer, no traffic);
/// campaign A: a1, a2, a3; campaign B: b1. Every expected figure below is worked out by hand in the comments.
/// </summary>
public sealed class EvaluatorTests
{
    private static readonly DateTime T0 = new(2026, 3, 1, 8, 0, 0, DateTimeKind.Utc);

    private static DateTime At(double hours) => T0.AddHours(hours);

    private static TruthDocument Truth() => new()
    {
        Scenario = "hand-made",
        Accounts =
        [
            Account("a1", "camp-a", true, 4, At(0)), Account("a2", "camp-a", true, 2, At(0.5)), Account("a3", "camp-a", true, 1, At(1)),
            Account("b1", "camp-b", true, 1, At(2)),
            Account("c1", "casual_chat", false, 1, At(0)), Account("c2", "casual_chat", false, 1, At(0)),
            Account("d1", "developer", false, 3, At(0)), Account("d2", "developer", false, 1, At(0)), Account("z", "developer", false, 0, null),
        ],
        Campaigns =
        [
            new CampaignTruth { Name = "camp-a", Accounts = 3, Exchanges = 7, FirstExchange = At(0) },
            new CampaignTruth { Name = "camp-b", Accounts = 1, Exchanges = 1, FirstExchange = At(2) },
        ],
    };

    private static AccountTruth Account(string id, string label, bool campaign, long exchanges, DateTime? first) =>
        new() { AccountId = id, Label = label, Campaign = campaign, Exchanges = exchanges, FirstExchange = first };

    private static FindingsDocument Findings() => new()
    {
        Accounts =
        [
            new AccountFinding { AccountId = "a1", Verdict = "block", FirstFlaggedAt = At(2) },
            new AccountFinding { AccountId = "a2", Verdict = "review", FirstFlaggedAt = At(3) },
            new AccountFinding { AccountId = "d1", Verdict = "throttle", FirstFlaggedAt = At(4) },
            new AccountFinding { AccountId = "ghost", Verdict = "review", FirstFlaggedAt = At(4) },
            new AccountFinding { AccountId = "c1", Verdict = "allow" },
        ],
        Campaigns =
        [
            new CampaignFinding { CampaignId = "cmp_1", AccountIds = ["a1", "a2", "ghost"], DetectedAt = At(1) },
            new CampaignFinding { CampaignId = "cmp_2", AccountIds = ["d1", "c1", "a3"], DetectedAt = At(0.1) },
        ],
    };

    // a1 at 0, 1.5, 2.5, 3 h; a2 at 0.5, 4; a3 at 1; b1 at 2; d1 at 0, 0.2, 0.4; c1, c2, d2 at 0.
    private static List<LogEntry> Log() =>
    [
        new("a1", At(0)), new("c1", At(0)), new("c2", At(0)), new("d1", At(0)), new("d2", At(0)), new("d1", At(0.2)), new("d1", At(0.4)),
        new("a2", At(0.5)), new("a3", At(1)), new("a1", At(1.5)), new("b1", At(2)), new("a1", At(2.5)), new("a1", At(3)), new("a2", At(4)),
        new("unknown", At(5)),
    ];

    [Fact]
    public void Evaluate_HandMadeFindings_AccountLevelRates()
    {
        var report = Evaluator.Evaluate(Truth(), Findings());

        // Seen: 4 campaign + 4 honest (z sent nothing). Flagged: a1, a2 (TP), d1 (FP); missed a3, b1.
        Assert.Equal(8, report.Accounts);
        Assert.Equal(1, report.UnknownAccounts);
        Assert.Equal((2, 1, 2, 3), (report.Findings.Flagged.TruePositives, report.Findings.Flagged.FalsePositives, report.Findings.Flagged.FalseNegatives, report.Findings.Flagged.TrueNegatives));
        Assert.Equal(2.0 / 3, report.Findings.Flagged.Precision, 10);
        Assert.Equal(0.5, report.Findings.Flagged.Recall, 10);
        Assert.Equal(0.25, report.Findings.Flagged.FalsePositiveRate, 10);
        // Enforced: a1 (TP), d1 (FP).
        Assert.Equal(0.5, report.Findings.Enforced.Precision, 10);
        Assert.Equal(0.25, report.Findings.Enforced.Recall, 10);
        Assert.Equal(0.25, report.Findings.Enforced.FalsePositiveRate, 10);
    }

    [Fact]
    public void Evaluate_HandMadeFindings_FalsePositivesPerArchetype()
    {
        var report = Evaluator.Evaluate(Truth(), Findings());

        var developer = report.Findings.Archetypes.Single(a => a.Name == "developer");
        var casual = report.Findings.Archetypes.Single(a => a.Name == "casual_chat");
        Assert.Equal((2, 1, 1, 1), (developer.Accounts, developer.Flagged, developer.Enforced, developer.EverEnforced));
        Assert.Equal((2, 0, 0, 0), (casual.Accounts, casual.Flagged, casual.Enforced, casual.EverEnforced));
        Assert.Null(developer.ExchangesWhileEnforced);
        Assert.DoesNotContain(report.Findings.Archetypes, a => a.Name == "reseller");
    }

    [Fact]
    public void Evaluate_HandMadeFindings_CampaignRecallAndHoursToDetect()
    {
        var report = Evaluator.Evaluate(Truth(), Findings());

        var a = report.Findings.Campaigns.Single(c => c.Name == "camp-a");
        var b = report.Findings.Campaigns.Single(c => c.Name == "camp-b");
        Assert.Equal(2.0 / 3, a.Recall, 10);
        Assert.Equal(1.0 / 3, a.EnforcedRecall, 10);
        // cmp_1 is mostly camp-a (a1, a2 of the two known accounts) and detected at +1 h, before a1's +2 h flag.
        // cmp_2 is mostly honest (d1, c1 vs a3), so its earlier detected_at does not count.
        Assert.Equal(["cmp_1"], a.MatchedCampaignIds);
        Assert.Equal(2, a.LargestMatchAccounts);
        Assert.Equal(2, report.Findings.FindingsCampaigns);
        Assert.Equal(["cmp_2"], report.Findings.UnmatchedCampaignIds);
        Assert.Empty(b.MatchedCampaignIds);
        Assert.Equal(0, b.LargestMatchAccounts);
        Assert.Equal(1.0, a.HoursToDetect);
        Assert.Null(b.HoursToDetect);
        Assert.Equal(0, b.Recall);
    }

    [Fact]
    public void Evaluate_CampaignFoundInPieces_CountsEveryPieceAndTheLargest()
    {
        var findings = Findings();
        // camp-a split: a1 and a2 together, a3 on its own; the mostly-honest cmp_2 is gone.
        findings.Campaigns =
        [
            new CampaignFinding { CampaignId = "cmp_1", AccountIds = ["a1", "a2"], DetectedAt = At(1) },
            new CampaignFinding { CampaignId = "cmp_3", AccountIds = ["a3", "ghost"], DetectedAt = At(5) },
        ];

        var report = Evaluator.Evaluate(Truth(), findings);

        var a = report.Findings.Campaigns.Single(c => c.Name == "camp-a");
        Assert.Equal(["cmp_1", "cmp_3"], a.MatchedCampaignIds);
        Assert.Equal(2, a.LargestMatchAccounts);
        Assert.Empty(report.Findings.UnmatchedCampaignIds);
        Assert.Empty(report.Findings.MixedCampaignIds);
        Assert.Empty(a.MixedWith);
        Assert.Equal(1.0, a.HoursToDetect);
    }

    [Fact]
    public void Evaluate_OperatorsInOneCampaign_EachIsMixedWithTheOther()
    {
        var findings = Findings();
        // b1 of camp-b grouped with camp-a's a1 and a2: camp-a's campaign, with camp-b inside it.
        findings.Campaigns = [new CampaignFinding { CampaignId = "cmp_1", AccountIds = ["a1", "a2", "b1"], DetectedAt = At(1) }];

        var report = Evaluator.Evaluate(Truth(), findings);

        var a = report.Findings.Campaigns.Single(c => c.Name == "camp-a");
        var b = report.Findings.Campaigns.Single(c => c.Name == "camp-b");
        Assert.Equal(["cmp_1"], a.MatchedCampaignIds);
        Assert.Empty(b.MatchedCampaignIds);
        Assert.Equal(["camp-b"], a.MixedWith);
        Assert.Equal(["camp-a"], b.MixedWith);
        Assert.Equal(["cmp_1"], report.Findings.MixedCampaignIds);
        Assert.Empty(report.Findings.UnmatchedCampaignIds);
    }

    [Fact]
    public void Evaluate_WithLog_LeakageIsShareServedBeforeEnforcement()
    {
        var report = Evaluator.Evaluate(Truth(), Findings(), Log());

        // camp-a: 7 exchanges. a1 enforced at +2 h: served 0, 1.5 (2 of 4). a2 only reviewed: both served. a3: served.
        // Leaked 2 + 2 + 1 = 5 of 7. camp-b never flagged: 1 of 1.
        Assert.Equal(Math.Round(5.0 / 7, 4), report.Findings.Campaigns.Single(c => c.Name == "camp-a").Leakage);
        Assert.Equal(1.0, report.Findings.Campaigns.Single(c => c.Name == "camp-b").Leakage);
    }

    [Fact]
    public void Evaluate_WithLogAndFirstEnforcedAt_LeakageCountsUntilEnforcementNotFirstFlag()
    {
        var findings = Findings();
        findings.Accounts.Single(a => a.AccountId == "a1").FirstEnforcedAt = At(2.75);

        var report = Evaluator.Evaluate(Truth(), findings, Log());

        // a1 flagged at +2 h but only blocked at +2.75 h: served 0, 1.5, 2.5 (3 of 4). a2 reviewed: 2. a3: 1.
        // Leaked 3 + 2 + 1 = 6 of 7.
        Assert.Equal(Math.Round(6.0 / 7, 4), report.Findings.Campaigns.Single(c => c.Name == "camp-a").Leakage);
    }

    [Fact]
    public void Evaluate_WithLogAndALapse_LeakageCountsWhatWasServedWhileTheBlockHadLapsed()
    {
        var findings = Findings();
        findings.Accounts.Single(a => a.AccountId == "a1").Lapses = [new EnforcementLapse { From = At(2.2), To = At(2.9) }];

        var report = Evaluator.Evaluate(Truth(), findings, Log());

        // a1 blocked at +2 h, not enforced from +2.2 to +2.9 h: served 0, 1.5 and 2.5 (3 of 4); 3 h is blocked again.
        // a2 reviewed: 2. a3: 1. Leaked 3 + 2 + 1 = 6 of 7.
        Assert.Equal(Math.Round(6.0 / 7, 4), report.Findings.Campaigns.Single(c => c.Name == "camp-a").Leakage);
    }

    [Fact]
    public void Evaluate_WithLogAndAHonestAccountThrottledThenBackAtReview_CountedAsEverEnforcedWithTheExchangesItSentMeanwhile()
    {
        var findings = Findings();
        var d1 = findings.Accounts.Single(a => a.AccountId == "d1");
        d1.Verdict = "review";
        d1.FirstEnforcedAt = At(0.1);
        d1.Lapses = [new EnforcementLapse { From = At(0.3) }];

        var report = Evaluator.Evaluate(Truth(), findings, Log(), new EvaluationOptions { DailyQuota = 2 });

        // d1 sent at 0, 0.2 and 0.4 h; throttled from 0.1 h until 0.3 h, at review since: one exchange while enforced.
        var developer = report.Findings.Archetypes.Single(a => a.Name == "developer");
        Assert.Equal((2, 4L, 1, 0, 1), (developer.Accounts, developer.Exchanges, developer.Flagged, developer.Enforced, developer.EverEnforced));
        Assert.Equal(1, developer.ExchangesWhileEnforced);
        Assert.Equal(0, report.Findings.Archetypes.Single(a => a.Name == "casual_chat").ExchangesWhileEnforced);
        // The quota of 2 a day refuses d1's third exchange.
        Assert.Equal(1, report.Baseline!.Archetypes.Single(a => a.Name == "developer").ExchangesWhileEnforced);
    }

    [Fact]
    public void Evaluate_WithLogAndACampaignAccountEnforcedThenBackAtReview_WhatWasStoppedMeanwhileDidNotLeak()
    {
        var findings = Findings();
        var a2 = findings.Accounts.Single(a => a.AccountId == "a2");
        a2.FirstEnforcedAt = At(0.4);
        a2.Lapses = [new EnforcementLapse { From = At(3.5) }];

        var report = Evaluator.Evaluate(Truth(), findings, Log());

        // a1 blocked at +2 h: served 0, 1.5 (2 of 4). a2 throttled from 0.4 h to 3.5 h, at review since: its 0.5 h
        // exchange was stopped, its 4 h one served. a3: served. Leaked 2 + 1 + 1 = 4 of 7.
        Assert.Equal(Math.Round(4.0 / 7, 4), report.Findings.Campaigns.Single(c => c.Name == "camp-a").Leakage);
    }

    [Fact]
    public void Evaluate_WithLogAndReleasedAccounts_TheirEnforcementCountsThoughTheyAreNotFlagged()
    {
        var findings = Findings();
        findings.ReleasedAccounts =
        [
            // c2 (casual, one exchange at 0 h) throttled from 0 h, released at 0.5 h; a3 (camp-a, one at 1 h) from 0.9 h
            // to 1.5 h.
            new ReleasedAccount { AccountId = "c2", Exchanges = 1, FirstEnforcedAt = At(0), Lapses = [new EnforcementLapse { From = At(0.5) }] },
            new ReleasedAccount { AccountId = "a3", Exchanges = 1, FirstEnforcedAt = At(0.9), Lapses = [new EnforcementLapse { From = At(1.5) }] },
        ];

        var report = Evaluator.Evaluate(Truth(), findings, Log());

        var casual = report.Findings.Archetypes.Single(a => a.Name == "casual_chat");
        Assert.Equal((0, 0, 1, 1L), (casual.Flagged, casual.Enforced, casual.EverEnforced, casual.ExchangesWhileEnforced));
        // Neither is flagged at the end: recall and false positives are the verdicts', unchanged.
        Assert.Equal((2, 1, 2, 3), (report.Findings.Flagged.TruePositives, report.Findings.Flagged.FalsePositives, report.Findings.Flagged.FalseNegatives, report.Findings.Flagged.TrueNegatives));
        // a1 leaks 0 and 1.5 h, a2 both, a3's exchange was stopped: 4 of 7.
        Assert.Equal(Math.Round(4.0 / 7, 4), report.Findings.Campaigns.Single(c => c.Name == "camp-a").Leakage);
    }

    [Fact]
    public void Evaluate_WithLog_DailyQuotaBaseline()
    {
        var report = Evaluator.Evaluate(Truth(), Findings(), Log(), new EvaluationOptions { DailyQuota = 2 });

        // Quota 2/day: d1's 3rd exchange (+0.4 h) and a1's 3rd (+2.5 h) exceed it. Nobody else does.
        var baseline = report.Baseline!;
        Assert.Equal(2, report.DailyQuota);
        Assert.Equal((1, 1, 3), (baseline.Flagged.TruePositives, baseline.Flagged.FalsePositives, baseline.Flagged.FalseNegatives));
        var a = baseline.Campaigns.Single(c => c.Name == "camp-a");
        Assert.Equal(2.5, a.HoursToDetect);
        // The quota still serves a1's first two, a2's two and a3's one: 5 of 7.
        Assert.Equal(Math.Round(5.0 / 7, 4), a.Leakage);
        Assert.Equal(1, baseline.Archetypes.Single(x => x.Name == "developer").Flagged);
    }

    [Fact]
    public void Evaluate_NoLog_NoLeakageNoBaseline()
    {
        var report = Evaluator.Evaluate(Truth(), Findings());

        Assert.Null(report.Baseline);
        Assert.All(report.Findings.Campaigns, c => Assert.Null(c.Leakage));
    }

    [Fact]
    public void Serialize_Report_SnakeCaseWithDerivedRates()
    {
        var json = EvaluationSerializer.ToJson(Evaluator.Evaluate(Truth(), Findings(), Log()));

        Assert.Contains("\"false_positive_rate\": 0.25", json, StringComparison.Ordinal);
        Assert.Contains("\"hours_to_detect\": 1", json, StringComparison.Ordinal);
        Assert.Contains("\"daily_quota\": 500", json, StringComparison.Ordinal);
    }
}
