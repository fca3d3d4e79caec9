using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Engine;

/// <summary>
/// <see cref="DetectionOptions.PaymentBanEvasion"/> and <see cref="DetectionOptions.SignupDomainBanEvasion"/>: a blocked
/// account's verdict reaches the other holders of its card, and two blocked accounts' the new sign-ups on their domain.
/// </summary>
public sealed class DetectionEngineBanEvasionTests
{
    // cmpA's thirty accounts pay with three cards and are blocked during day 1; the replacement starts on day 2.
    private static readonly DateTime ReplacementFrom = TrafficBuilder.Start.AddDays(2).AddHours(10).AddMinutes(5);
    private static readonly DateTime FirstTickAfter = TrafficBuilder.Start.AddDays(2).AddHours(10).AddMinutes(15);

    [Fact]
    public void BuildFindings_NewAccountOnABlockedCampaignsCard_BlockedFromItsFirstExchangeWithBanEvasionReason()
    {
        var traffic = CampaignAndReplacement();

        var findings = EngineRun.Run(traffic);

        var replacement = Assert.Single(findings.Accounts, a => a.AccountId == "replacement");
        Assert.Equal("block", replacement.Verdict);
        // Flagged on the evidence of its first exchange, and enforced from it: its card's other holders were blocked a
        // day before, so a gateway refused that very request on the account's standing.
        Assert.Equal(ReplacementFrom, replacement.FirstFlaggedAt);
        Assert.Equal(ReplacementFrom, replacement.FirstEnforcedAt);
        var reason = Assert.Single(replacement.Reasons, r => r.Signal == SignalNames.BanEvasion);
        Assert.True(reason.Weight >= 0.1, $"weight {reason.Weight}");
        Assert.Contains("payment instrument pf_cmpA_0", reason.Detail, StringComparison.Ordinal);
        Assert.Contains("other accounts are blocked", reason.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void Observe_NewAccountOnABlockedCampaignsCard_BlockedLiveBeforeItsFirstTickCloses()
    {
        var traffic = CampaignAndReplacement();
        var engine = EngineRun.WithAccounts(traffic);

        // The gateway's clock six minutes after the replacement's first exchange: its tick closes only at 10:17.
        Feed(engine, traffic, until: ReplacementFrom.AddMinutes(6));

        Assert.Equal(Verdict.Block, engine.GetStatus("replacement")?.Verdict);
    }

    [Fact]
    public void AddAccount_NewAccountOnABlockedCampaignsCard_StandsBlockedUntilTheEngineAppliesItsFirstExchange()
    {
        var traffic = CampaignAndReplacement();
        var engine = EngineRun.Create();
        foreach (var account in traffic.Accounts.Where(a => a.AccountId != "replacement"))
        {
            engine.AddAccount(account);
        }

        var standings = new List<AccountStanding>();
        engine.StandingChanged += standings.Add;
        Feed(engine, traffic, until: ReplacementFrom.AddMinutes(-30));
        Assert.DoesNotContain(standings, s => s.AccountId == "replacement");

        // Signed up after its card's other holders were blocked: it stands blocked before it sends anything.
        var record = traffic.Accounts.Single(a => a.AccountId == "replacement");
        engine.AddAccount(record);
        var standing = Assert.Single(standings, s => s.AccountId == "replacement");
        Assert.Equal(Verdict.Block, standing.Verdict);
        Assert.Equal(record.CreatedAt!.Value + new DetectionOptions().BanEvasionMaxAccountAge, standing.Until);
        Assert.Equal(Verdict.Allow, engine.GetStatus("replacement")?.Verdict ?? Verdict.Allow);

        // Once the engine applies its first exchange the account's own (inherited) verdict takes over.
        Feed(engine, traffic, from: ReplacementFrom.AddMinutes(-30), until: ReplacementFrom.AddMinutes(6));
        Assert.Equal([Verdict.Block, Verdict.Allow], standings.Where(s => s.AccountId == "replacement").Select(s => s.Verdict));
        Assert.Equal(Verdict.Block, engine.GetStatus("replacement")?.Verdict);
    }

    [Fact]
    public void SetOverride_CardsBlockedHoldersAllowedByAnOperator_WithdrawsTheNewcomersStanding()
    {
        var from = TrafficBuilder.Start.AddHours(9).AddMinutes(5);
        var traffic = new TrafficBuilder().Casual(60, 4, 1)
            .Quiet("card_holder", "pf_family", TrafficBuilder.Start.AddDays(-90), from, 3, "honest:casual")
            .Quiet("card_partner", "pf_family", TrafficBuilder.Start.AddDays(-1), from.AddHours(5), 3, "honest:casual");
        var engine = EngineRun.WithAccounts(traffic);
        var standings = new List<AccountStanding>();
        engine.StandingChanged += standings.Add;
        Feed(engine, traffic, until: from.AddMinutes(18));

        engine.SetOverride("card_holder", Verdict.Block);
        engine.SetOverride("card_holder", Verdict.Allow);

        Assert.Equal([Verdict.Block, Verdict.Allow], standings.Where(s => s.AccountId == "card_partner").Select(s => s.Verdict));
        // The holder itself has traffic: it never had a standing.
        Assert.DoesNotContain(standings, s => s.AccountId == "card_holder");
    }

    [Fact]
    public void SetOverride_OnTheNewcomerItself_EndsItsStandingUntilCleared()
    {
        var traffic = CampaignAndReplacement();
        var engine = EngineRun.WithAccounts(traffic);
        var standings = new List<AccountStanding>();
        engine.StandingChanged += standings.Add;
        Feed(engine, traffic, until: ReplacementFrom.AddMinutes(-30));
        Assert.Equal(Verdict.Block, standings.Last(s => s.AccountId == "replacement").Verdict);
        var before = standings.Count;

        // Support allow-lists it before it sends anything (a family member, say), then hands it back to the engine.
        engine.SetOverride("replacement", Verdict.Allow);
        engine.SetOverride("replacement", null);

        Assert.Equal([Verdict.Allow, Verdict.Block], standings.Skip(before).Where(s => s.AccountId == "replacement").Select(s => s.Verdict));
    }

    [Fact]
    public void BuildFindings_BanEvasionOff_ReplacementWaitsForEvidenceOfItsOwn()
    {
        var traffic = CampaignAndReplacement();

        var findings = EngineRun.Run(traffic, options: new DetectionOptions { PaymentBanEvasion = false });

        var replacement = findings.Accounts.SingleOrDefault(a => a.AccountId == "replacement");
        Assert.True(replacement?.FirstEnforcedAt is null || replacement.FirstEnforcedAt > FirstTickAfter,
            $"enforced at {replacement?.FirstEnforcedAt:o} without the co-holders' verdict");
        Assert.DoesNotContain(findings.Accounts, a => a.Reasons.Exists(r => r.Signal == SignalNames.BanEvasion));
    }

    [Fact]
    public void Retune_BanEvasionTurnedOffAfterTheReplacementInherited_ItsOwnRiskFromTheNextTick()
    {
        // A reload during an incident: the card's verdict reached an account the operator believes honest.
        var traffic = CampaignAndReplacement();
        var reference = EngineRun.Run(traffic, options: new DetectionOptions { PaymentBanEvasion = false })
            .Accounts.Single(a => a.AccountId == "replacement");
        var engine = EngineRun.WithAccounts(traffic);
        Feed(engine, traffic, until: ReplacementFrom.AddMinutes(6));
        Assert.Equal(Verdict.Block, engine.GetStatus("replacement")?.Verdict);

        Assert.True(engine.Retune(new DetectionOptions { PaymentBanEvasion = false }));
        Feed(engine, traffic, from: ReplacementFrom.AddMinutes(6));

        var replacement = engine.BuildFindings(0, EngineRun.GeneratedAt).Accounts.Single(a => a.AccountId == "replacement");
        // Not vacuous: its own evidence alone leaves it below the block the card passed on.
        Assert.True(reference.Risk < new DetectionOptions().BlockRisk, $"risk {reference.Risk} on its own evidence");
        Assert.Equal(reference.Risk, replacement.Risk);
        Assert.Equal(reference.Verdict, replacement.Verdict);
        Assert.DoesNotContain(replacement.Reasons, r => r.Signal == SignalNames.BanEvasion);
        // The block it inherited at its first exchange happened, and stays in its history.
        Assert.Equal(ReplacementFrom, replacement.FirstEnforcedAt);
    }

    [Fact]
    public void Retune_BanEvasionTurnedOn_NewcomerOnABlockedCardStandsBlockedAtTheNextTick()
    {
        var traffic = CampaignAndReplacement();
        var reference = EngineRun.Run(traffic).Accounts.Single(a => a.AccountId == "replacement");
        var engine = EngineRun.WithAccounts(traffic, options: new DetectionOptions { PaymentBanEvasion = false });
        var standings = new List<AccountStanding>();
        engine.StandingChanged += standings.Add;
        Feed(engine, traffic, until: ReplacementFrom.AddMinutes(-40));
        Assert.DoesNotContain(standings, s => s.AccountId == "replacement");

        Assert.True(engine.Retune(new DetectionOptions()));
        Assert.DoesNotContain(standings, s => s.AccountId == "replacement");
        // The next tick closes at 09:30 plus the reorder tolerance, before the replacement's first exchange at 10:05.
        engine.Advance(ReplacementFrom.AddMinutes(-10));
        Assert.Equal(Verdict.Block, Assert.Single(standings, s => s.AccountId == "replacement").Verdict);

        Feed(engine, traffic, from: ReplacementFrom.AddMinutes(-40));
        var replacement = engine.BuildFindings(0, EngineRun.GeneratedAt).Accounts.Single(a => a.AccountId == "replacement");
        Assert.Equal(reference.Verdict, replacement.Verdict);
        Assert.Equal(reference.Risk, replacement.Risk);
        Assert.Equal(ReplacementFrom, replacement.FirstEnforcedAt);
        Assert.Contains(replacement.Reasons, r => r.Signal == SignalNames.BanEvasion);
    }

    [Fact]
    public void Observe_CoHoldersAllowedByAnOperator_PassNothingOn()
    {
        var traffic = CampaignAndReplacement();
        var engine = EngineRun.WithAccounts(traffic);
        foreach (var holder in traffic.Accounts.Where(a => a.PaymentFingerprint == "pf_cmpA_0" && a.AccountId != "replacement"))
        {
            engine.SetOverride(holder.AccountId, Verdict.Allow);
        }

        Feed(engine, traffic, until: FirstTickAfter.AddMinutes(3));

        // Its own evidence (a cluster's shared card, one exchange) may put it up for review, but nothing is enforced.
        Assert.True(engine.GetStatus("replacement")!.Verdict < Verdict.Throttle, $"{engine.GetStatus("replacement")}");
        Assert.Equal(Verdict.Block, engine.GetStatus("cmpA_001")!.Verdict);
    }

    [Fact]
    public void Observe_OperatorBlocksAnAccount_ANewAccountOnItsCardIsBlockedAtItsNextTick()
    {
        var from = TrafficBuilder.Start.AddHours(9).AddMinutes(5);
        var traffic = new TrafficBuilder().Casual(60, 4, 1)
            .Quiet("card_holder", "pf_family", TrafficBuilder.Start.AddDays(-90), from, 3, "honest:casual")
            .Quiet("card_partner", "pf_family", TrafficBuilder.Start.AddDays(-10), from.AddMinutes(1), 3, "honest:casual");
        var engine = EngineRun.WithAccounts(traffic);

        Feed(engine, traffic, until: from.AddMinutes(18));
        Assert.Equal(Verdict.Allow, engine.GetStatus("card_partner")!.Verdict);

        engine.SetOverride("card_holder", Verdict.Block);
        Feed(engine, traffic, from: from.AddMinutes(18), until: from.AddMinutes(33));

        Assert.Equal(Verdict.Block, engine.GetStatus("card_partner")!.Verdict);
        engine.SetOverride("card_holder", null);
        Feed(engine, traffic, from: from.AddMinutes(33));
        Assert.Equal(Verdict.Allow, engine.GetStatus("card_partner")!.Verdict);
    }

    [Fact]
    public void BuildFindings_InheritedBlockLiftedThenBack_RecordsTheLapseBetween()
    {
        var from = TrafficBuilder.Start.AddHours(9).AddMinutes(5);
        var traffic = new TrafficBuilder().Casual(60, 4, 1)
            .Quiet("card_holder", "pf_family", TrafficBuilder.Start.AddDays(-90), from, 3, "honest:casual")
            .Quiet("card_partner", "pf_family", TrafficBuilder.Start.AddDays(-10), from.AddMinutes(1), 6, "honest:casual");
        var engine = EngineRun.WithAccounts(traffic);
        Feed(engine, traffic, until: from.AddMinutes(18));

        // Blocked by its card-mate's override, freed when it is cleared, blocked again: each takes effect when the
        // next tick closes (its end plus the reorder tolerance).
        engine.SetOverride("card_holder", Verdict.Block);
        Feed(engine, traffic, from: from.AddMinutes(18), until: from.AddMinutes(33));
        engine.SetOverride("card_holder", null);
        Feed(engine, traffic, from: from.AddMinutes(33), until: from.AddMinutes(63));
        engine.SetOverride("card_holder", Verdict.Block);
        Feed(engine, traffic, from: from.AddMinutes(63), until: from.AddMinutes(100));
        var findings = engine.BuildFindings(0, EngineRun.GeneratedAt);

        var partner = Assert.Single(findings.Accounts, a => a.AccountId == "card_partner");
        Assert.Equal("block", partner.Verdict);
        Assert.Equal(from.Date.AddHours(9).AddMinutes(32), partner.FirstEnforcedAt);
        var lapse = Assert.Single(partner.Lapses!);
        Assert.Equal(from.Date.AddHours(9).AddMinutes(47), lapse.From);
        Assert.Equal(from.Date.AddHours(10).AddMinutes(17), lapse.To);
    }

    [Fact]
    public void BuildFindings_EstablishedAccountOnABlockedCampaignsCard_InheritsNothing()
    {
        // The card's owner, whose card a campaign also used: signed up half a year before the campaign.
        var traffic = new TrafficBuilder().Campaign("cmpA", 30, 40, 3).Casual(150, 4, 3)
            .Quiet("card_owner", "pf_cmpA_0", TrafficBuilder.Start.AddDays(-180), ReplacementFrom, 6, "honest:casual");

        var findings = EngineRun.Run(traffic);

        Assert.DoesNotContain(findings.Accounts, a => a.AccountId == "card_owner" && a.Reasons.Exists(r => r.Signal == SignalNames.BanEvasion));
        Assert.Contains(findings.Accounts, a => a.AccountId == "cmpA_000" && a.Verdict == "block");
    }

    [Fact]
    public void Observe_EnterpriseCardExplainedByOneOrg_PassesNothingOn()
    {
        var from = TrafficBuilder.Start.AddHours(9).AddMinutes(5);
        var traffic = new TrafficBuilder().Enterprise("acme", 6, 4, 1)
            .Quiet("acme_new_seat", "pf_acme", TrafficBuilder.Start.AddDays(-1), from, 3, "honest:enterprise", org: "acme");
        var engine = EngineRun.WithAccounts(traffic);
        engine.SetOverride("acme_seat000", Verdict.Block);

        Feed(engine, traffic);

        Assert.Equal(Verdict.Allow, engine.GetStatus("acme_new_seat")!.Verdict);
    }

    [Fact]
    public void AddAccount_NewcomerMovedOntoABlockedCampaignsCard_StandsBlockedAndInheritsAtItsFirstExchange()
    {
        // Signed up on a card of its own; a later record (the customer "changed cards") names the blocked campaign's.
        var traffic = CampaignAndReplacement();
        var record = traffic.Accounts.Single(a => a.AccountId == "replacement");
        var engine = EngineRun.Create();
        foreach (var account in traffic.Accounts)
        {
            engine.AddAccount(ReferenceEquals(account, record) ? Moved(record, paymentFingerprint: "pf_replacement_own") : account);
        }

        var standings = new List<AccountStanding>();
        engine.StandingChanged += standings.Add;
        Feed(engine, traffic, until: ReplacementFrom.AddMinutes(-30));
        Assert.DoesNotContain(standings, s => s.AccountId == "replacement");

        engine.AddAccount(record);

        Assert.Equal(Verdict.Block, Assert.Single(standings, s => s.AccountId == "replacement").Verdict);
        Feed(engine, traffic, from: ReplacementFrom.AddMinutes(-30));
        var replacement = engine.BuildFindings(0, EngineRun.GeneratedAt).Accounts.Single(a => a.AccountId == "replacement");
        Assert.Equal(ReplacementFrom, replacement.FirstEnforcedAt);
        Assert.Contains(replacement.Reasons, r => r.Signal == SignalNames.BanEvasion && r.Detail.Contains("pf_cmpA_0", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void AddAccount_NewcomerMovedOffACampaignsCard_NoStandingFromItAndDecidedAsOnItsNewCardFromTheStart(bool afterTheBlock)
    {
        var traffic = CampaignAndReplacement();
        var record = traffic.Accounts.Single(a => a.AccountId == "replacement");
        var engine = EngineRun.WithAccounts(traffic);
        var standings = new List<AccountStanding>();
        engine.StandingChanged += standings.Add;
        if (afterTheBlock)
        {
            Feed(engine, traffic, until: ReplacementFrom.AddMinutes(-30));
            Assert.Equal(Verdict.Block, standings.Last(s => s.AccountId == "replacement").Verdict);
        }

        var before = standings.Count;
        engine.AddAccount(Moved(record, paymentFingerprint: "pf_replacement_own"));

        // Moved after the block, its standing is withdrawn; moved before, the card's block later does not reach it.
        Feed(engine, traffic, from: afterTheBlock ? ReplacementFrom.AddMinutes(-30) : null, until: ReplacementFrom.AddMinutes(-1));
        Assert.Equal(afterTheBlock ? [Verdict.Allow] : [], standings.Skip(before).Where(s => s.AccountId == "replacement").Select(s => s.Verdict));
        Feed(engine, traffic, from: ReplacementFrom.AddMinutes(-1));
        var moved = engine.BuildFindings(0, EngineRun.GeneratedAt).Accounts.SingleOrDefault(a => a.AccountId == "replacement");
        record.PaymentFingerprint = "pf_replacement_own";
        var reference = EngineRun.Run(traffic).Accounts.SingleOrDefault(a => a.AccountId == "replacement");
        Assert.True(reference is null || reference.FirstEnforcedAt != ReplacementFrom, "not vacuous: on its own card it is not enforced from its first exchange");
        Assert.Equal(reference?.Risk, moved?.Risk);
        Assert.Equal(reference?.Verdict, moved?.Verdict);
        Assert.Equal(reference?.FirstEnforcedAt, moved?.FirstEnforcedAt);
        Assert.DoesNotContain(moved?.Reasons ?? [], r => r.Signal == SignalNames.BanEvasion);
    }

    [Fact]
    public void AddAccount_BlockedAccountMovedToAnotherCard_TakesItsBlockThereAndFreesTheOldCardsHolder()
    {
        var from = TrafficBuilder.Start.AddHours(9).AddMinutes(5);
        var traffic = new TrafficBuilder().Casual(60, 4, 1)
            .Quiet("card_holder", "pf_family", TrafficBuilder.Start.AddDays(-90), from, 3, "honest:casual")
            .Quiet("card_partner", "pf_family", TrafficBuilder.Start.AddDays(-10), from.AddMinutes(1), 6, "honest:casual")
            .Quiet("card_third", "pf_family", TrafficBuilder.Start.AddDays(-200), from.AddMinutes(2), 3, "honest:casual")
            .Quiet("new_card_mate", "pf_new", TrafficBuilder.Start.AddDays(-1), from.AddHours(6), 3, "honest:casual");
        var engine = EngineRun.WithAccounts(traffic);
        var standings = new List<AccountStanding>();
        engine.StandingChanged += standings.Add;
        Feed(engine, traffic, until: from.AddMinutes(18));
        engine.SetOverride("card_holder", Verdict.Block);
        Feed(engine, traffic, from: from.AddMinutes(18), until: from.AddMinutes(33));
        Assert.Equal(Verdict.Block, engine.GetStatus("card_partner")!.Verdict);
        Assert.DoesNotContain(standings, s => s.AccountId == "new_card_mate");

        engine.AddAccount(Moved(traffic.Accounts.Single(a => a.AccountId == "card_holder"), paymentFingerprint: "pf_new"));

        // The newcomer on the new card stands blocked at once; the old card, still shared by two, passes nothing on, and
        // its young holder is freed at the next tick without traffic of its own in it.
        Assert.Equal(Verdict.Block, Assert.Single(standings, s => s.AccountId == "new_card_mate").Verdict);
        engine.Advance(from.AddMinutes(63));
        Assert.Equal(Verdict.Allow, engine.GetStatus("card_partner")!.Verdict);
        Feed(engine, traffic, from: from.AddMinutes(63));
        Assert.Equal(Verdict.Block, engine.GetStatus("new_card_mate")!.Verdict);
    }

    [Fact]
    public void BuildFindings_NewAccountOnACampaignsSignupDomainPayingWithACardOfItsOwn_BlockedFromItsFirstExchange()
    {
        var traffic = CampaignOnItsOwnDomainAndReplacement();

        var findings = EngineRun.Run(traffic);

        var replacement = Assert.Single(findings.Accounts, a => a.AccountId == "replacement");
        Assert.Equal("block", replacement.Verdict);
        // Decided at its first exchange; a domain gives no standing before it, so a gateway refuses it from the engine's
        // application of that exchange, the reorder tolerance later.
        Assert.Equal(ReplacementFrom, replacement.FirstFlaggedAt);
        Assert.Equal(ReplacementFrom + new DetectionOptions().ReorderTolerance, replacement.FirstEnforcedAt);
        var reason = Assert.Single(replacement.Reasons, r => r.Signal == SignalNames.BanEvasion);
        Assert.Contains("signed up with e-mail domain cmpa-mail.example, on which", reason.Detail, StringComparison.Ordinal);
        Assert.Contains("other accounts are blocked", reason.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void BuildFindings_SignupDomainBanEvasionOff_ReplacementOnItsOwnCardWaitsForEvidenceOfItsOwn()
    {
        var traffic = CampaignOnItsOwnDomainAndReplacement();

        var findings = EngineRun.Run(traffic, options: new DetectionOptions { SignupDomainBanEvasion = false });

        var replacement = findings.Accounts.SingleOrDefault(a => a.AccountId == "replacement");
        Assert.True(replacement?.FirstEnforcedAt is null || replacement.FirstEnforcedAt > FirstTickAfter,
            $"enforced at {replacement?.FirstEnforcedAt:o} without the domain's verdict");
        Assert.DoesNotContain(replacement?.Reasons ?? [], r => r.Signal == SignalNames.BanEvasion);
    }

    [Fact]
    public void Observe_AccountsBlockedOnACompanyDomain_TwoPassTheBlockToANewSignUpOneDoesNot()
    {
        var from = TrafficBuilder.Start.AddHours(9).AddMinutes(5);
        var traffic = SmallCompany(from);
        var engine = EngineRun.WithAccounts(traffic);
        Feed(engine, traffic, until: from.AddMinutes(18));

        engine.SetOverride("colleague_a", Verdict.Block);
        Feed(engine, traffic, from: from.AddMinutes(18), until: from.AddMinutes(33));
        Assert.Equal(Verdict.Allow, engine.GetStatus("new_colleague")!.Verdict);

        engine.SetOverride("colleague_b", Verdict.Block);
        Feed(engine, traffic, from: from.AddMinutes(33), until: from.AddMinutes(48));
        Assert.Equal(Verdict.Block, engine.GetStatus("new_colleague")!.Verdict);

        // Cleared, the domain is back to one blocked account: the newcomer is freed at the next tick, traffic or not.
        engine.SetOverride("colleague_b", null);
        engine.Advance(from.AddMinutes(63));
        Assert.Equal(Verdict.Allow, engine.GetStatus("new_colleague")!.Verdict);
    }

    [Fact]
    public void AddAccount_BlockedColleagueMovedToAnotherDomain_FreesTheNewSignUpAtTheNextTick()
    {
        var from = TrafficBuilder.Start.AddHours(9).AddMinutes(5);
        var traffic = SmallCompany(from);
        var engine = EngineRun.WithAccounts(traffic);
        Feed(engine, traffic, until: from.AddMinutes(18));
        engine.SetOverride("colleague_a", Verdict.Block);
        engine.SetOverride("colleague_b", Verdict.Block);
        Feed(engine, traffic, from: from.AddMinutes(18), until: from.AddMinutes(33));
        Assert.Equal(Verdict.Block, engine.GetStatus("new_colleague")!.Verdict);

        // Its record now names another domain: smallco.example keeps one blocked account, which passes nothing on.
        engine.AddAccount(Moved(traffic.Accounts.Single(a => a.AccountId == "colleague_b"), emailDomain: "othermail.example"));
        engine.Advance(from.AddMinutes(48));

        Assert.Equal(Verdict.Allow, engine.GetStatus("new_colleague")!.Verdict);
    }

    [Fact]
    public void Observe_EnterpriseDomainExplainedByOneOrg_PassesNothingOn()
    {
        var from = TrafficBuilder.Start.AddHours(9).AddMinutes(5);
        var traffic = new TrafficBuilder().Enterprise("acme", 6, 4, 1)
            .Quiet("acme_new_seat", "pf_acme_expenses", TrafficBuilder.Start.AddDays(-1), from, 3, "honest:enterprise", org: "acme", emailDomain: "acme.example");
        var engine = EngineRun.WithAccounts(traffic);
        engine.SetOverride("acme_seat000", Verdict.Block);
        engine.SetOverride("acme_seat001", Verdict.Block);

        Feed(engine, traffic);

        Assert.Equal(Verdict.Allow, engine.GetStatus("acme_new_seat")!.Verdict);
    }

    /// <summary>A later record of the account naming another card or sign-up domain.</summary>
    private static AccountRecord Moved(AccountRecord record, string? paymentFingerprint = null, string? emailDomain = null) => new()
    {
        AccountId = record.AccountId,
        CreatedAt = record.CreatedAt,
        SignupChannel = record.SignupChannel,
        PaymentFingerprint = paymentFingerprint ?? record.PaymentFingerprint,
        EmailDomain = emailDomain ?? record.EmailDomain,
        BillingCountry = record.BillingCountry,
        Verified = record.Verified,
        OrgId = record.OrgId,
    };

    // Two established colleagues and one who signed up yesterday, each paying with a card of its own.
    private static TrafficBuilder SmallCompany(DateTime from) =>
        new TrafficBuilder().Casual(60, 4, 1)
            .Quiet("colleague_a", "pf_a", TrafficBuilder.Start.AddDays(-90), from, 3, "honest:casual", emailDomain: "smallco.example")
            .Quiet("colleague_b", "pf_b", TrafficBuilder.Start.AddDays(-90), from.AddMinutes(1), 3, "honest:casual", emailDomain: "smallco.example")
            .Quiet("new_colleague", "pf_c", TrafficBuilder.Start.AddDays(-1), from.AddMinutes(2), 9, "honest:casual", emailDomain: "smallco.example");

    // The campaign signs its accounts up on its own domain; the replacement pays with a card no campaign account used.
    private static TrafficBuilder CampaignOnItsOwnDomainAndReplacement() =>
        new TrafficBuilder().Campaign("cmpA", 30, 40, 3, emailDomain: "cmpa-mail.example").Casual(150, 4, 3)
            .Quiet("replacement", "pf_replacement_own", ReplacementFrom.AddHours(-1), ReplacementFrom, 6, "campaign:cmpA", emailDomain: "cmpa-mail.example");

    private static TrafficBuilder CampaignAndReplacement() =>
        new TrafficBuilder().Campaign("cmpA", 30, 40, 3).Casual(150, 4, 3)
            .Quiet("replacement", "pf_cmpA_0", ReplacementFrom.AddHours(-1), ReplacementFrom, 6, "campaign:cmpA");

    /// <summary>
    /// Feeds the traffic's exchanges with <paramref name="from"/> ≤ ts &lt; <paramref name="until"/> in time order,
    /// then moves the clock to <paramref name="until"/> (or, without one, evaluates as a scan's end does).
    /// </summary>
    private static void Feed(DetectionEngine engine, TrafficBuilder traffic, DateTime? from = null, DateTime? until = null)
    {
        foreach (var exchange in EngineRun.InOrder(traffic))
        {
            if (exchange.Timestamp >= (from ?? DateTime.MinValue) && exchange.Timestamp < (until ?? DateTime.MaxValue))
            {
                engine.Observe(exchange);
            }
        }

        if (until is { } end)
        {
            // Closes the ticks that end before it, as a quiet gateway clock does.
            engine.Advance(end);
        }
        else
        {
            engine.BuildFindings(0, EngineRun.GeneratedAt);
        }
    }
}
