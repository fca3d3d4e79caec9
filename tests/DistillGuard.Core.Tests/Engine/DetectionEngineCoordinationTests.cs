using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Engine;

public sealed class DetectionEngineCoordinationTests
{
    [Fact]
    public void BuildFindings_CampaignSharingPaymentBlockAndClient_FlagsAllMembersAsOneCampaign()
    {
        var traffic = new TrafficBuilder().Campaign("cmpA", 30, 40, 3).Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        var flagged = EngineRun.Flagged(findings);
        Assert.All(traffic.Labels.Where(l => l.Value.StartsWith("campaign", StringComparison.Ordinal)), l => Assert.Contains(l.Key, flagged));
        Assert.DoesNotContain(flagged, id => id.StartsWith("casual", StringComparison.Ordinal));
        var campaign = Assert.Single(findings.Campaigns);
        Assert.Equal(30, campaign.Accounts);
        Assert.All(findings.Accounts, a => Assert.NotEmpty(a.Reasons));
        Assert.Contains(campaign.Reasons, r => r.Signal == SignalNames.SharedPayment && r.Detail.Contains("shared with 10 accounts", StringComparison.Ordinal));
        Assert.Contains("pf_cmpA_0", campaign.Indicators.PaymentFingerprints);
        Assert.Contains("203.0.113.0/24", campaign.Indicators.IpBlocks!);
        Assert.Equal("reasoning", campaign.Capabilities.Keys.First());
        Assert.True(campaign.CotElicitationRate > 0.99);
    }

    [Fact]
    public void BuildFindings_CampaignLinkedOnlyByProxyBlock_FlagsWithIpBlockReason()
    {
        var traffic = new TrafficBuilder().Campaign("cmpB", 25, 40, 3, sharePayment: false, shareClient: false).Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        var campaign = Assert.Single(findings.Campaigns);
        Assert.Equal(25, campaign.Accounts);
        Assert.Contains(findings.Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.SharedIpBlock && r.Detail.Contains("203.0.113.0/24", StringComparison.Ordinal)));
    }

    [Fact]
    public void BuildFindings_CampaignLinkedOnlyByTemplate_FlagsWithTemplateReason()
    {
        var traffic = new TrafficBuilder().Campaign("cmpC", 25, 40, 3, sharePayment: false, shareBlock: false, shareClient: false).Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        var campaign = Assert.Single(findings.Campaigns);
        Assert.True(campaign.Accounts >= 24, $"only {campaign.Accounts} of 25 accounts");
        Assert.Contains(campaign.Reasons, r => r.Signal == SignalNames.SharedTemplate);
        var template = Assert.Single(campaign.Templates!);
        Assert.StartsWith("Solve the following problem step by step", template.Example, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildFindings_FewOfOneOperatorsAccountsUseTheOthersPromptSet_TwoCampaigns()
    {
        // Each operator pays with three cards (groups of 8 or 9 accounts) and runs its own prompt set, which alone ties
        // its card groups together (each account has a /24 of its own; the one client library both use is too common
        // to link); three of opB's accounts also run opA's (a public problem set both draw on).
        var traffic = new TrafficBuilder()
            .Campaign("opA", 25, 40, 3, shareBlock: false, ownBlocks: "100.64")
            .Campaign("opB", 25, 40, 3, shareBlock: false, ownBlocks: "100.65", template: "Translate the following sentence into formal French",
                borrowedTemplate: "Solve the following problem step by step", borrowingAccounts: 3)
            .Casual(300, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.Equal(2, findings.Campaigns.Count);
        Assert.All(findings.Campaigns, c => Assert.Equal(25, c.Accounts));
        var a = Assert.Single(findings.Campaigns, c => c.AccountIds.All(id => id.StartsWith("opA_", StringComparison.Ordinal)));
        var b = Assert.Single(findings.Campaigns, c => c.AccountIds.All(id => id.StartsWith("opB_", StringComparison.Ordinal)));

        // Kept apart, but where they meet is reported on both sides: opA's template, which three of opB's run.
        var fromA = Assert.Single(a.RelatedCampaigns!);
        var fromB = Assert.Single(b.RelatedCampaigns!);
        Assert.Equal(b.CampaignId, fromA.CampaignId);
        Assert.Equal(a.CampaignId, fromB.CampaignId);
        var shared = Assert.Single(fromA.Shared);
        Assert.Equal("template", shared.Kind);
        Assert.Contains(shared.Value, a.Indicators.TemplateIds);
        Assert.Equal(shared.Value, Assert.Single(fromB.Shared).Value);
    }

    [Fact]
    public void BuildFindings_CampaignLinkedOnlyBySignUpDomain_FlagsWithEmailDomainReasonAndIndicator()
    {
        // Own card, own address, own client and varied prompts each: only the operator's sign-up domain ties them.
        var traffic = new TrafficBuilder().Campaign("cmpE", 25, 40, 3, sharePayment: false, shareBlock: false, shareClient: false,
            emailDomain: "mail51a1.com", shareTemplate: false).Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        var campaign = Assert.Single(findings.Campaigns);
        Assert.Equal(25, campaign.Accounts);
        Assert.Equal(["mail51a1.com"], campaign.Indicators.EmailDomains!);
        Assert.Contains(campaign.Reasons, r => r.Signal == SignalNames.SharedEmailDomain && r.Detail.Contains("e-mail domain mail51a1.com shared with 25 accounts", StringComparison.Ordinal));
        Assert.All(findings.Accounts, a => Assert.Contains(a.Reasons, r => r.Signal == SignalNames.SharedEmailDomain));
    }

    [Fact]
    public void BuildFindings_SameCampaignSigningUpWithPublicMail_IsNotLinkedByTheDomain()
    {
        var traffic = new TrafficBuilder().Campaign("cmpF", 25, 40, 3, sharePayment: false, shareBlock: false, shareClient: false,
            emailDomain: "Gmail.com.", shareTemplate: false).Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.Empty(findings.Campaigns);
        Assert.DoesNotContain(findings.Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.SharedEmailDomain));
    }

    [Fact]
    public void BuildFindings_StartupTeamSharingItsDomainAndOffice_NotFlagged()
    {
        var traffic = new TrafficBuilder().StartupTeam("tinyco.dev", 12, 15, 3).Casual(100, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.Empty(findings.Accounts);
    }

    [Fact]
    public void BuildFindings_StartupTeamPayingWithOneCompanyCardInItsWorkspace_NotFlagged()
    {
        // The provider knows the ten accounts as one customer's workspace (org_id): that explains the card and domain.
        var traffic = new TrafficBuilder().StartupTeam("acme-robotics.example", 10, 30, 3, companyCard: true, org: "org_acme").Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.Empty(findings.Accounts);
    }

    [Fact]
    public void BuildFindings_AccountsFileGivingTheTeamItsWorkspaceInALaterRecord_NotFlagged()
    {
        // The gateway appends every admin upsert to accounts.jsonl, so a scan of it reads the team's records twice:
        // first without their workspace, then with it. The later record counts, as the gateway's restart has it.
        var traffic = new TrafficBuilder().StartupTeam("acme-robotics.example", 10, 30, 3, companyCard: true).Casual(150, 4, 3);
        var engine = EngineRun.WithAccounts(traffic);
        foreach (var member in traffic.Accounts.Where(a => a.AccountId.StartsWith("team_", StringComparison.Ordinal)))
        {
            member.OrgId = "org_acme";
            engine.AddAccount(member);
        }

        foreach (var exchange in EngineRun.InOrder(traffic))
        {
            engine.Observe(exchange);
        }

        Assert.Empty(engine.BuildFindings(0, EngineRun.GeneratedAt).Accounts);
    }

    [Theory]
    [InlineData("pf_cmpA_004_own", "gmail.com")]
    [InlineData(null, null)]
    public void BuildFindings_AccountsFileMovingAnAccountToAnotherCardAndDomainInALaterRecord_AsWithTheLaterRecordFromTheStart(string? card, string? domain)
    {
        // A customer who changed cards and sign-up address (or whose record no longer names them): the gateway's
        // accounts.jsonl holds its first record, then the upsert. The later record counts, as the gateway's restart
        // (which loads only the latest) has it: the account no longer counts among the campaign card's and domain's
        // holders.
        TrafficBuilder Traffic() => new TrafficBuilder().Campaign("cmpA", 30, 40, 3, emailDomain: "harvest-ops.example").Casual(150, 4, 3);
        var moved = Traffic();
        var engine = EngineRun.Create();
        foreach (var account in moved.Accounts)
        {
            engine.AddAccount(account);
        }

        var record = moved.Accounts.Single(a => a.AccountId == "cmpA_004");
        Assert.Equal("pf_cmpA_1", record.PaymentFingerprint);
        record.PaymentFingerprint = card;
        record.EmailDomain = domain;
        engine.AddAccount(record);
        foreach (var exchange in EngineRun.InOrder(moved))
        {
            engine.Observe(exchange);
        }

        var reference = Traffic();
        var fromTheStart = reference.Accounts.Single(a => a.AccountId == "cmpA_004");
        fromTheStart.PaymentFingerprint = card;
        fromTheStart.EmailDomain = domain;
        var expected = FindingsSerializer.ToJson(EngineRun.Run(reference));

        Assert.Equal(expected, FindingsSerializer.ToJson(engine.BuildFindings(0, EngineRun.GeneratedAt)));
        // Not vacuous: the move changed what the card says of its holders.
        Assert.NotEqual(expected, FindingsSerializer.ToJson(EngineRun.Run(Traffic())));
    }

    [Fact]
    public void AddAccount_ChannelChangedAfterTraffic_EducationCountedAsIfFromTheStartExceptWhatCameFromACampusNetwork()
    {
        // Students (education sign-ups on a campus network) and a team (standard sign-ups in an office), each sharing a
        // client fingerprint and an e-mail domain.
        var traffic = new TrafficBuilder().Students(4, 5, 1).StartupTeam("acme-robotics.example", 4, 5, 1);
        var engine = EngineRun.Feed(traffic);
        engine.BuildFindings(0, EngineRun.GeneratedAt);
        int Education(AttributeKind kind, string label) => engine.Attributes.Single(a => a.Kind == kind && a.Label == label).EducationAccounts;
        (int, int, int, int) Counts() => (
            Education(AttributeKind.ClientFingerprint, "Mozilla/5.0|ja3_browser"), Education(AttributeKind.EmailDomain, "uni.example"),
            Education(AttributeKind.ClientFingerprint, "anthropic-sdk-python/0.40|ja3_sdk"), Education(AttributeKind.EmailDomain, "acme-robotics.example"));
        Assert.Equal((4, 4, 0, 0), Counts());

        void Move(string prefix, SignupChannel channel)
        {
            foreach (var record in traffic.Accounts.Where(a => a.AccountId.StartsWith(prefix, StringComparison.Ordinal)))
            {
                record.SignupChannel = channel;
                engine.AddAccount(record);
            }
        }

        Move("student_", SignupChannel.Standard);
        Move("team_", SignupChannel.Education);
        // The students' fingerprint came to them on the campus network: it still counts them.
        Assert.Equal((4, 0, 4, 4), Counts());

        Move("team_", SignupChannel.Standard);
        Assert.Equal((4, 0, 0, 0), Counts());
    }

    [Theory]
    [InlineData(SignupChannel.Standard, SignupChannel.Education)]
    [InlineData(SignupChannel.Education, SignupChannel.Standard)]
    public void BuildFindings_AccountsFileChangingTheChannelInALaterRecord_AsWithTheLaterRecordFromTheStart(SignupChannel first, SignupChannel later)
    {
        // Three of a team on one company card move into or out of the provider's education programme: the card's share
        // explained by education moves with them, and with it the card's weight.
        TrafficBuilder Traffic(SignupChannel channel)
        {
            var traffic = new TrafficBuilder().StartupTeam("acme-robotics.example", 10, 30, 3, companyCard: true).Casual(150, 4, 3);
            foreach (var member in traffic.Accounts.Where(a => a.AccountId.StartsWith("team_", StringComparison.Ordinal)).Take(3))
            {
                member.SignupChannel = channel;
            }

            return traffic;
        }

        var moved = Traffic(first);
        var engine = EngineRun.Create();
        foreach (var account in moved.Accounts)
        {
            engine.AddAccount(account);
        }

        foreach (var member in moved.Accounts.Where(a => a.AccountId.StartsWith("team_", StringComparison.Ordinal)).Take(3))
        {
            member.SignupChannel = later;
            engine.AddAccount(member);
        }

        foreach (var exchange in EngineRun.InOrder(moved))
        {
            engine.Observe(exchange);
        }

        var expected = FindingsSerializer.ToJson(EngineRun.Run(Traffic(later)));

        Assert.Equal(expected, FindingsSerializer.ToJson(engine.BuildFindings(0, EngineRun.GeneratedAt)));
        Assert.NotEqual(expected, FindingsSerializer.ToJson(EngineRun.Run(Traffic(first))));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddAccount_TeamGivenItsWorkspaceWhileLive_ClearedAsWithItFromTheStart(bool cardHolderHadIt)
    {
        // An operator who finds a team on one company card at review gives its accounts their workspace (org_id) on the
        // second day, as the gateway's admin API lets them. Without it at first, the card's first holder moves and the
        // card takes the workspace as its organisation; with the first holder already in it, the others join it.
        var traffic = new TrafficBuilder().StartupTeam("acme-robotics.example", 10, 30, 3, companyCard: true).Casual(150, 4, 3);
        var team = traffic.Accounts.Where(a => a.AccountId.StartsWith("team_", StringComparison.Ordinal)).ToList();
        team[0].OrgId = cardHolderHadIt ? "org_acme" : null;
        var ordered = EngineRun.InOrder(traffic);
        var secondDay = ordered.FindIndex(e => e.Timestamp >= TrafficBuilder.Start.AddDays(1));
        var engine = EngineRun.WithAccounts(traffic);
        foreach (var exchange in ordered[..secondDay])
        {
            engine.Observe(exchange);
        }

        Assert.All(team, a => Assert.Equal(Verdict.Review, engine.GetStatus(a.AccountId)!.Verdict));

        // The card's first holder last: when it moves, the members that moved before it are counted again.
        foreach (var member in Enumerable.Reverse(team))
        {
            member.OrgId = "org_acme";
            engine.AddAccount(member);
        }

        foreach (var exchange in ordered[secondDay..])
        {
            engine.Observe(exchange);
        }

        engine.BuildFindings(0, EngineRun.GeneratedAt);
        Assert.All(team, a => Assert.Equal(Verdict.Allow, engine.GetStatus(a.AccountId)!.Verdict));
    }

    [Fact]
    public void BuildFindings_StartupTeamPayingWithOneCompanyCardUnknownToTheProvider_HeldAtReviewByItsConversationalUse()
    {
        // Ten self-serve accounts signed up within hours on one card and one company domain, no org_id, link exactly
        // like a small operator; their multi-turn chats from one office network hold them at review (docs/detection.md)
        // once each has the exchanges to judge them by. Until then (the first hours of day one) the card throttles them.
        var traffic = new TrafficBuilder().StartupTeam("acme-robotics.example", 10, 30, 3, companyCard: true).Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.Equal(10, findings.Accounts.Count);
        Assert.All(findings.Accounts, a => Assert.Equal("review", a.Verdict));
        // Listed for a person to look at, not reported as a campaign: what each sends is no evidence of one.
        Assert.Empty(findings.Campaigns);
        Assert.All(findings.Accounts, a => Assert.Null(a.CampaignId));
        var dayOne = TrafficBuilder.Start.AddDays(1);
        Assert.All(findings.Accounts, a =>
        {
            Assert.True(a.FirstEnforcedAt < dayOne, $"{a.AccountId}: first enforced {a.FirstEnforcedAt}");
            var lapse = Assert.Single(a.Lapses!);
            Assert.True(lapse.From < dayOne, $"{a.AccountId}: held at review from {lapse.From}");
            Assert.Null(lapse.To);
        });
        Assert.All(findings.Accounts, a => Assert.Equal(SignalNames.SharedPayment, a.Reasons[0].Signal));
        Assert.All(findings.Accounts, a =>
        {
            var hold = Assert.Single(a.Reasons, r => r.Signal == SignalNames.ConversationalUse);
            Assert.Equal(0, hold.Weight);
            Assert.Contains("of its 90 exchanges continue a conversation", hold.Detail, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void BuildFindings_ThatTeamWithTheHoldTurnedOff_ThrottledAsACampaign()
    {
        var traffic = new TrafficBuilder().StartupTeam("acme-robotics.example", 10, 30, 3, companyCard: true).Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic, options: new DetectionOptions { HoldConversationalUse = false });

        Assert.Equal(10, findings.Accounts.Count);
        Assert.All(findings.Accounts, a => Assert.Equal("throttle", a.Verdict));
        Assert.Single(findings.Campaigns);
        Assert.DoesNotContain(findings.Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.ConversationalUse));
    }

    [Fact]
    public void BuildFindings_ThatTeamWithANewcomerOnTheCardStillThrottled_KeepsTheTeamAtReview()
    {
        // The newcomer has too few exchanges to judge, so the card throttles it; that throttle is coordination evidence
        // too, and must not pass to card-mates whose own traffic holds them at review.
        var traffic = new TrafficBuilder().StartupTeam("acme-robotics.example", 10, 30, 3, companyCard: true)
            .Quiet("team_newcomer", "pf_acme-robotics.example", TrafficBuilder.Start.AddHours(23), TrafficBuilder.Start.AddDays(1), 10, "honest:startup_team", emailDomain: "acme-robotics.example")
            .Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        var newcomer = Assert.Single(findings.Accounts, a => a.AccountId == "team_newcomer");
        Assert.Equal("throttle", newcomer.Verdict);
        var team = findings.Accounts.Where(a => a.AccountId.StartsWith("team_acme", StringComparison.Ordinal)).ToList();
        Assert.Equal(10, team.Count);
        Assert.All(team, a => Assert.Equal("review", a.Verdict));
        Assert.DoesNotContain(team, a => a.Reasons.Exists(r => r.Signal == SignalNames.BanEvasion));
    }

    [Fact]
    public void BuildFindings_ThatTeamWhenAnOperatorBlocksOneMember_InheritsTheBlock()
    {
        // The hold weighs the card's evidence, not an operator's decision: a block on a card-mate still passes on.
        var traffic = new TrafficBuilder().StartupTeam("acme-robotics.example", 10, 30, 3, companyCard: true).Casual(150, 4, 3);
        var engine = EngineRun.WithAccounts(traffic);
        engine.SetOverride("team_acme-robotics.example_00", Verdict.Block);
        foreach (var exchange in EngineRun.InOrder(traffic))
        {
            engine.Observe(exchange);
        }

        var findings = engine.BuildFindings(0, EngineRun.GeneratedAt);

        var others = findings.Accounts.Where(a => a.AccountId != "team_acme-robotics.example_00").ToList();
        Assert.Equal(9, others.Count);
        Assert.All(others, a => Assert.Equal("block", a.Verdict));
        Assert.All(others, a => Assert.Contains(a.Reasons, r => r.Signal == SignalNames.BanEvasion));
    }

    [Theory]
    [InlineData(true, false)]
    [InlineData(false, true)]
    public void BuildFindings_OperatorLinkedLikeThatTeamButHarvestingSingleTurnOrThroughRotatingExits_Throttled(bool singleTurn, bool rotatingExits)
    {
        var traffic = new TrafficBuilder().StartupTeam("acme-robotics.example", 10, 30, 3, companyCard: true, singleTurn: singleTurn, rotatingExits: rotatingExits)
            .Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.Equal(10, findings.Accounts.Count);
        Assert.All(findings.Accounts, a => Assert.True(a.Verdict is "throttle" or "block", $"{a.AccountId}: {a.Verdict} at {a.Risk}"));
        Assert.DoesNotContain(findings.Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.ConversationalUse));
        if (rotatingExits)
        {
            Assert.All(findings.Accounts, a => Assert.Contains(a.Reasons, r => r.Signal == SignalNames.NetworkRotation));
        }
    }

    [Fact]
    public void BuildFindings_ThatTeamWithTooFewExchangesEachToJudge_Throttled()
    {
        // Twelve exchanges a member, signed up the day before: too few to tell a conversation from a harvest, so the
        // card and the accounts' youth decide.
        var traffic = new TrafficBuilder().StartupTeam("acme-robotics.example", 10, 4, 3, companyCard: true, signedUpDaysBefore: 1).Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.Equal(10, findings.Accounts.Count);
        Assert.All(findings.Accounts, a => Assert.Equal("throttle", a.Verdict));
        Assert.DoesNotContain(findings.Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.ConversationalUse));
        // Twelve exchanges through the office's NAT addresses are twelve addresses, not rotation (BehaviourModel.NatPoolAddresses).
        Assert.DoesNotContain(findings.Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.NetworkRotation));
    }

    [Fact]
    public void BuildFindings_LowVolumeTeamOnACompanyCardAtReview_ListedButNoCampaign()
    {
        // Six colleagues on the company card signed up the day before, a couple of chats a day each: the card lists
        // three of them for review, but none is enforced and none has sent enough to judge its traffic by, so nothing
        // they sent is evidence of a campaign.
        var traffic = new TrafficBuilder().StartupTeam("tinyco.dev", 6, 2, 3, companyCard: true, signedUpDaysBefore: 1).Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.True(findings.Accounts.Count >= 3, $"{findings.Accounts.Count} accounts listed");
        Assert.All(findings.Accounts, a => Assert.Equal("review", a.Verdict));
        Assert.Empty(findings.Campaigns);
        Assert.All(findings.Accounts, a => Assert.Null(a.CampaignId));
    }

    [Fact]
    public void BuildFindings_ThatLowVolumeTeamTurningToSingleTurnHarvesting_NamedACampaignThenAndDatedThen()
    {
        // The same accounts, listed for review on the card by day three, send single-turn prompts on day four: from then
        // their traffic is evidence of a harvest, and the campaign is dated when it was named, not when the third was flagged.
        var traffic = new TrafficBuilder().StartupTeam("tinyco.dev", 6, 2, 3, companyCard: true, signedUpDaysBefore: 1).Casual(150, 4, 3);
        var dayFour = TrafficBuilder.Start.AddDays(3);
        for (var k = 0; k < 6; k++)
        {
            for (var j = 0; j < 10; j++)
            {
                traffic.Exchanges.Add(TrafficBuilder.Make(dayFour.AddHours(9).AddMinutes((20 * j) + k), $"team_tinyco.dev_{k:D2}",
                    $"Solve the following problem. Think step by step and show your reasoning: case {k}-{j}", $"198.19.4.{10 + j}", 65020, AsnType.Business, "US",
                    "anthropic-sdk-python/0.40", "ja3_sdk"));
            }
        }

        var findings = EngineRun.Run(traffic);

        var campaign = Assert.Single(findings.Campaigns);
        Assert.True(campaign.DetectedAt >= dayFour, $"detected {campaign.DetectedAt}");
        var members = findings.Accounts.Where(a => a.CampaignId == campaign.CampaignId).ToList();
        Assert.True(members.Count(a => a.FirstFlaggedAt < dayFour) >= 3, string.Join(", ", members.Select(a => $"{a.AccountId} {a.FirstFlaggedAt}")));
    }

    [Fact]
    public void BuildFindings_OperatorKeepingItsAccountsUnderTheThrottleRisk_StillACampaign()
    {
        // Five old accounts on one card harvesting single-turn, 21 exchanges each, none risky enough to enforce: judged
        // by their own traffic (not conversational), they are reported as the campaign they are.
        var traffic = new TrafficBuilder().StartupTeam("tinyco.dev", 5, 7, 3, companyCard: true, singleTurn: true, signedUpDaysBefore: 300)
            .Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.Equal(5, findings.Accounts.Count);
        Assert.All(findings.Accounts, a => Assert.Equal("review", a.Verdict));
        var campaign = Assert.Single(findings.Campaigns);
        Assert.All(findings.Accounts, a => Assert.Equal(campaign.CampaignId, a.CampaignId));
    }

    [Fact]
    public void BuildFindings_EnterpriseSeatsSharingPaymentOrgAndNetwork_NotFlagged()
    {
        var traffic = new TrafficBuilder().Enterprise("acme", 40, 20, 3).Casual(100, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.Empty(findings.Accounts);
        Assert.Empty(findings.Campaigns);
    }

    [Fact]
    public void BuildFindings_StudentsBehindCampusNatSignedUpSameWeek_NotFlagged()
    {
        var traffic = new TrafficBuilder().Students(60, 10, 3).Casual(100, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.Empty(findings.Accounts);
    }

    [Fact]
    public void BuildFindings_LoneBenchmarkRunnerTemplatedCotBursty_NotFlagged()
    {
        var traffic = new TrafficBuilder().BenchmarkRunner("bench_1", 500, 3).BenchmarkRunner("bench_2", 500, 3).Casual(100, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.Empty(findings.Accounts);
    }

    [Fact]
    public void BuildFindings_AppBackendsSharingOnlyAnSdkBuild_NotFlagged()
    {
        // Each backend alone scores above the review risk on behaviour; the one thing the three share is a client
        // fingerprint (an SDK build rare in this population), which pools them into a linked group of three.
        var traffic = new TrafficBuilder().AppBackend("app_1", 300, 3, "acme-sdk/2.1").AppBackend("app_2", 300, 3, "acme-sdk/2.1")
            .AppBackend("app_3", 300, 3, "acme-sdk/2.1").Casual(150, 4, 3);

        var findings = EngineRun.Run(traffic);

        Assert.Empty(findings.Accounts);
    }

    [Fact]
    public void BuildFindings_EstablishedAppBackendsOnOneServerlessEgressBlock_NotFlagged()
    {
        // Six customers' backends leave through one hosting /24 (a serverless platform's egress), each with its own
        // SDK and card, signed up months apart. New ones would be throttled: docs/detection.md, "Known weaknesses".
        var traffic = new TrafficBuilder();
        for (var i = 0; i < 6; i++)
        {
            traffic.AppBackend($"app_{i}", 300, 3, $"sdk-{i}/1.0", sharedBlock: 250, ageDays: 30 + (i * 47));
        }

        var findings = EngineRun.Run(traffic.Casual(150, 4, 3));

        Assert.Empty(findings.Accounts);
    }

    [Fact]
    public void BuildFindings_NewAppBackendsOnAListedSharedEgressBlock_NotLinkedByIt()
    {
        // Six backends signed up the day before, leaving through one serverless /24 (35.250.7.0/24), each with its own
        // SDK and card: throttled as a campaign renting the block, unless the operator lists the platform's egress.
        static TrafficBuilder Backends()
        {
            var traffic = new TrafficBuilder();
            for (var i = 0; i < 6; i++)
            {
                traffic.AppBackend($"app_{i}", 300, 3, $"sdk-{i}/1.0", sharedBlock: 250);
            }

            return traffic.Casual(150, 4, 3);
        }

        var unlisted = EngineRun.Run(Backends());
        var listed = EngineRun.Run(Backends(), options: new DetectionOptions { SharedEgress = ["35.250.4.0/22"] });

        Assert.Equal(6, unlisted.Accounts.Count(a => a.Verdict is "throttle" or "block"));
        Assert.Empty(listed.Accounts);
    }

    [Fact]
    public void BuildFindings_CampaignAmongHonestArchetypes_FlagsOnlyCampaign()
    {
        var traffic = new TrafficBuilder().Campaign("cmpD", 30, 40, 3).Enterprise("acme", 30, 20, 3).Students(40, 10, 3)
            .BenchmarkRunner("bench_1", 300, 3).Casual(200, 4, 3);

        var findings = EngineRun.Run(traffic);

        var flagged = EngineRun.Flagged(findings);
        var campaign = traffic.Labels.Where(l => l.Value.StartsWith("campaign", StringComparison.Ordinal)).Select(l => l.Key).ToHashSet();
        Assert.Equal(campaign.OrderBy(x => x, StringComparer.Ordinal), flagged.OrderBy(x => x, StringComparer.Ordinal));
    }
}
