using System.Net;
using DistillGuard.Core.Engine;
using System.Text.Json;
using DistillGuard.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DistillGuard.Gateway.Tests.Features.Admin;

public sealed class AdminApiTests
{
    [Theory]
    [InlineData("GET", "/admin/accounts/flagged", null)]
    [InlineData("GET", "/admin/keys", null)]
    [InlineData("POST", "/admin/keys", "wrong-token-0123456789")]
    [InlineData("PUT", "/admin/accounts/a/override", "")]
    [InlineData("GET", "/admin/accounts/acct_x", null)]
    public async Task AdminApi_WithoutValidToken_Returns401(string method, string path, string? token)
    {
        await using var fixture = await GatewayFixture.StartAsync();
        using var request = new HttpRequestMessage(new HttpMethod(method), path) { Content = new StringContent("{\"account_id\":\"x\",\"verdict\":\"allow\"}") };
        if (token is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + token);
        }

        using var response = await fixture.Client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(fixture.Service<DistillGuard.Gateway.Features.Store.GatewayStore>().ListKeys(null));
    }

    [Fact]
    public async Task Flagged_FilteredByVerdictAndCampaignAndPaged_FollowsTheNextLinkToTheEnd()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var board = fixture.Service<DistillGuard.Gateway.Features.Detection.VerdictBoard>();
        foreach (var (id, verdict, campaign) in new[]
        {
            ("acct_a", Verdict.Block, "camp_1"), ("acct_b", Verdict.Block, "camp_1"), ("acct_c", Verdict.Block, "camp_1"),
            ("acct_d", Verdict.Throttle, "camp_2"), ("acct_e", Verdict.Review, null),
        })
        {
            board.SetEngine(new AccountStatus(id, verdict, 0.95, campaign, null));
        }

        await fixture.SetOverrideAsync("acct_c", "allow");

        var (blocked, blockedTotal, _) = await FlaggedAsync(fixture, "/admin/accounts/flagged?verdict=block");
        var (second, _, _) = await FlaggedAsync(fixture, "/admin/accounts/flagged?campaign_id=camp_2");
        var (page1, total, next1) = await FlaggedAsync(fixture, "/admin/accounts/flagged?campaign_id=camp_1&limit=2");
        var (page2, _, next2) = await FlaggedAsync(fixture, next1!);
        using var badVerdict = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/accounts/flagged?verdict=maybe"), ct);
        using var badLimit = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/accounts/flagged?limit=0"), ct);

        // The effective verdict: acct_c is allow-listed by hand, so it is no longer among the blocked.
        Assert.Equal(["acct_a", "acct_b"], blocked);
        Assert.Equal(2, blockedTotal);
        Assert.Equal(["acct_d"], second);
        Assert.Equal(["acct_a", "acct_b"], page1);
        Assert.Equal(3, total);
        Assert.Equal("/admin/accounts/flagged?after=acct_b&limit=2&campaign_id=camp_1", next1);
        Assert.Equal(["acct_c"], page2);
        Assert.Null(next2);
        Assert.Equal(HttpStatusCode.BadRequest, badVerdict.StatusCode);
        Assert.Contains("verdict 'maybe'", await badVerdict.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
        Assert.Contains("limit must be between 1 and 10000", await badLimit.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Account_LookedUpBySupport_EnforcedVerdictWhyRecordAndKeyIdsOr404()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        using var registered = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Post, "/admin/accounts", new[]
        {
            new Dictionary<string, object> { ["account_id"] = "acct_s", ["created_at"] = "2026-05-01T00:00:00Z", ["payment_fingerprint"] = "pf_s", ["verified"] = true },
            new Dictionary<string, object> { ["account_id"] = "acct_quiet" },
        }), ct);
        Assert.Equal(HttpStatusCode.OK, registered.StatusCode);
        var key = await fixture.CreateKeyAsync("acct_s");
        fixture.Service<DistillGuard.Gateway.Features.Detection.VerdictBoard>().SetEngine(new AccountStatus("acct_s", Verdict.Block, 0.97, "camp_1", new DateTime(2026, 5, 2, 0, 0, 0, DateTimeKind.Utc)));
        await fixture.SetOverrideAsync("acct_s", "allow");

        using var support = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/accounts/acct_s"), ct);
        var text = await support.Content.ReadAsStringAsync(ct);
        using var quiet = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/accounts/acct_quiet"), ct);
        using var quietBody = JsonDocument.Parse(await quiet.Content.ReadAsStringAsync(ct));
        using var unknown = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/accounts/acct_nobody"), ct);

        Assert.Equal(HttpStatusCode.OK, support.StatusCode);
        using var body = JsonDocument.Parse(text);
        var account = body.RootElement;
        Assert.Equal("allow", account.GetProperty("verdict").GetString());
        Assert.Equal("block", account.GetProperty("engine_verdict").GetString());
        Assert.Equal("camp_1", account.GetProperty("campaign_id").GetString());
        Assert.Equal("2026-05-02T00:00:00.000Z", account.GetProperty("first_flagged_at").GetString());
        Assert.Equal("allow", account.GetProperty("override").GetProperty("verdict").GetString());
        Assert.Equal("pf_s", account.GetProperty("record").GetProperty("payment_fingerprint").GetString());
        Assert.True(account.GetProperty("record").GetProperty("verified").GetBoolean());
        var listed = Assert.Single(account.GetProperty("keys").EnumerateArray());
        Assert.StartsWith("key_", listed.GetProperty("key_id").GetString(), StringComparison.Ordinal);
        Assert.DoesNotContain(key, text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, quiet.StatusCode);
        Assert.Equal("allow", quietBody.RootElement.GetProperty("verdict").GetString());
        Assert.Empty(quietBody.RootElement.GetProperty("keys").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
    }

    [Fact]
    public async Task CampaignOverride_BlockACampaignUnderReview_EveryMemberBlockedPersistedOthersUntouched()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var keys = await CampaignUnderReviewAsync(fixture);

        using var request = fixture.Admin(HttpMethod.Put, "/admin/campaigns/camp_r/override", new Dictionary<string, string> { ["verdict"] = "block", ["reason"] = "case 77: confirmed distillation" });
        using var response = await fixture.Client.SendAsync(request, ct);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        using var unknown = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Put, "/admin/campaigns/camp_none/override", new Dictionary<string, string> { ["verdict"] = "block" }), ct);
        using var badBody = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Put, "/admin/campaigns/camp_r/override", new Dictionary<string, object> { ["verdict"] = 3 }), ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["acct_m1", "acct_m2", "acct_m3"], body.RootElement.GetProperty("accounts").EnumerateArray().Select(static e => e.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badBody.StatusCode);
        foreach (var (id, key) in keys)
        {
            using var sent = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
            Assert.Equal(id == "acct_other" ? HttpStatusCode.OK : HttpStatusCode.Forbidden, sent.StatusCode);
        }

        // Stored as one override per member: a restart (the engine forgets its campaign ids) keeps them.
        await fixture.StopGatewayAsync();
        await fixture.StartGatewayAsync();
        var (blocked, _, _) = await FlaggedAsync(fixture, "/admin/accounts/flagged?verdict=block");
        Assert.Equal(["acct_m1", "acct_m2", "acct_m3"], blocked);
    }

    [Fact]
    public async Task CampaignOverride_Cleared_MembersBackToTheEngineInStoreAndAfterRestart()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var keys = await CampaignUnderReviewAsync(fixture);

        using var blocked = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Put, "/admin/campaigns/camp_r/override", new Dictionary<string, string> { ["verdict"] = "block" }), ct);
        await fixture.SetOverrideAsync("acct_other", "block");
        Assert.Equal(HttpStatusCode.OK, blocked.StatusCode);

        using var cleared = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Delete, "/admin/campaigns/camp_r/override"), ct);
        using var body = JsonDocument.Parse(await cleared.Content.ReadAsStringAsync(ct));
        using var again = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Delete, "/admin/campaigns/camp_r/override"), ct);

        Assert.Equal(HttpStatusCode.OK, cleared.StatusCode);
        Assert.Equal(["acct_m1", "acct_m2", "acct_m3"], body.RootElement.GetProperty("accounts").EnumerateArray().Select(static e => e.GetString()));
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        foreach (var (id, key) in keys)
        {
            // The members are back at the engine's review (allowed); the other campaign's own override stays.
            using var sent = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
            Assert.Equal(id == "acct_other" ? HttpStatusCode.Forbidden : HttpStatusCode.OK, sent.StatusCode);
        }

        Assert.Equal(["acct_other"], fixture.Service<DistillGuard.Gateway.Features.Store.GatewayStore>().LoadOverrides().Select(static o => o.AccountId));
        await fixture.StopGatewayAsync();
        await fixture.StartGatewayAsync();
        var (stillBlocked, _, _) = await FlaggedAsync(fixture, "/admin/accounts/flagged?verdict=block");
        Assert.Equal(["acct_other"], stillBlocked);
    }

    /// <summary>Keys for three accounts the engine has under review in campaign camp_r and one in camp_o, by account.</summary>
    private static async Task<Dictionary<string, string>> CampaignUnderReviewAsync(GatewayFixture fixture)
    {
        var board = fixture.Service<DistillGuard.Gateway.Features.Detection.VerdictBoard>();
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, campaign) in new[] { ("acct_m1", "camp_r"), ("acct_m2", "camp_r"), ("acct_m3", "camp_r"), ("acct_other", "camp_o") })
        {
            keys[id] = await fixture.CreateKeyAsync(id);
            board.SetEngine(new AccountStatus(id, Verdict.Review, 0.6, campaign, null));
        }

        return keys;
    }

    /// <summary>One page of flagged accounts: their ids, X-Total-Count, and the target of Link rel="next" if any.</summary>
    private static async Task<(List<string> Ids, int Total, string? Next)> FlaggedAsync(GatewayFixture fixture, string path)
    {
        var ct = TestContext.Current.CancellationToken;
        using var response = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, path), ct);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(ct));
        var ids = body.RootElement.EnumerateArray().Select(static e => e.GetProperty("account_id").GetString()!).ToList();
        var total = int.Parse(response.Headers.GetValues("X-Total-Count").Single(), System.Globalization.CultureInfo.InvariantCulture);
        string? next = null;
        if (response.Headers.TryGetValues("Link", out var links))
        {
            var link = links.Single();
            Assert.EndsWith(">; rel=\"next\"", link, StringComparison.Ordinal);
            next = link[1..link.IndexOf('>', StringComparison.Ordinal)];
        }

        return (ids, total, next);
    }

    [Fact]
    public async Task Override_AllowListThenBlock_PersistsAcrossRestartAndWinsOverEngine()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_x");
        var ct = TestContext.Current.CancellationToken;
        fixture.Service<DistillGuard.Gateway.Features.Detection.VerdictBoard>().SetEngine(new DistillGuard.Core.Engine.AccountStatus("acct_x", DistillGuard.Core.Engine.Verdict.Block, 0.99, "camp_1", null));
        using var blockedByEngine = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
        await fixture.SetOverrideAsync("acct_x", "allow");
        using var allowListed = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
        await fixture.SetOverrideAsync("acct_x", "block");

        await fixture.StopGatewayAsync();
        await fixture.StartGatewayAsync();
        using var afterRestart = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
        using var flagged = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/accounts/flagged"), ct);
        using var list = JsonDocument.Parse(await flagged.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.Forbidden, blockedByEngine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, allowListed.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, afterRestart.StatusCode);
        var entry = Assert.Single(list.RootElement.EnumerateArray());
        Assert.Equal("acct_x", entry.GetProperty("account_id").GetString());
        Assert.Equal("block", entry.GetProperty("verdict").GetString());
        Assert.Equal("test", entry.GetProperty("override").GetProperty("reason").GetString());
    }

    [Fact]
    public async Task Override_BlockOneHolderOfACard_TheOtherHolderIsRefusedFromItsFirstRequestAndFreedWhenCleared()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 4, 22, 9, 5, 0, TimeSpan.Zero));
        await using var fixture = await GatewayFixture.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        var ct = TestContext.Current.CancellationToken;
        using (var accounts = fixture.Admin(HttpMethod.Post, "/admin/accounts"))
        {
            accounts.Content = new StringContent("""
                {"account_id":"acct_banned","created_at":"2026-03-01T00:00:00Z","signup_channel":"standard","payment_fingerprint":"pf_shared_card"}
                {"account_id":"acct_same_card","created_at":"2026-04-22T08:00:00Z","signup_channel":"standard","payment_fingerprint":"pf_shared_card"}
                """);
            using var added = await fixture.Client.SendAsync(accounts, ct);
            Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        }

        var key = await fixture.CreateKeyAsync("acct_same_card");
        var engineClock = fixture.Service<DistillGuard.Gateway.Features.Detection.EngineClock>();
        await fixture.SetOverrideAsync("acct_banned", "block");

        using var first = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
        await fixture.WaitForEngineAsync(1);
        clock.Advance(TimeSpan.FromMinutes(15));
        await engineClock.AdvanceAsync(ct);
        using var second = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
        await fixture.WaitForEngineAsync(2);
        using var findingsResponse = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/findings"), ct);
        var findings = await findingsResponse.Content.ReadAsStringAsync(ct);
        using var lookup = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/accounts/acct_same_card"), ct);
        using var account = JsonDocument.Parse(await lookup.Content.ReadAsStringAsync(ct));

        using var cleared = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Delete, "/admin/accounts/acct_banned/override"), ct);
        clock.Advance(TimeSpan.FromMinutes(15));
        await engineClock.AdvanceAsync(ct);
        using var third = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);

        // Signed up after nothing but the other holder: it stands blocked before the engine has seen it (its standing),
        // then carries the block itself once the engine applies its first request.
        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, second.StatusCode);
        Assert.Contains("\"ban_evasion\"", findings, StringComparison.Ordinal);
        Assert.Contains("pf_shared_card", findings, StringComparison.Ordinal);
        // Enforced from that first request, the moment the gateway refused it, as a scan of the log dates it too.
        Assert.Equal("2026-04-22T09:05:00.000Z", account.RootElement.GetProperty("first_enforced_at").GetString());
        Assert.False(account.RootElement.TryGetProperty("lapses", out _));
        Assert.Equal(HttpStatusCode.NoContent, cleared.StatusCode);
        Assert.Equal(HttpStatusCode.OK, third.StatusCode);

        // Blocked again: support's lookup shows when the block had lapsed (the ticks' closings, 09:32 and 09:47).
        await fixture.SetOverrideAsync("acct_banned", "block");
        clock.Advance(TimeSpan.FromMinutes(15));
        await engineClock.AdvanceAsync(ct);
        using var fourth = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
        using var relooked = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/accounts/acct_same_card"), ct);
        using var again = JsonDocument.Parse(await relooked.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.Forbidden, fourth.StatusCode);
        var lapse = Assert.Single(again.RootElement.GetProperty("lapses").EnumerateArray());
        Assert.Equal("2026-04-22T09:32:00.000Z", lapse.GetProperty("from").GetString());
        Assert.Equal("2026-04-22T09:47:00.000Z", lapse.GetProperty("to").GetString());
    }

    [Fact]
    public async Task Keys_CreateListRevoke_RevokedKeyRejected()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_k");
        var ct = TestContext.Current.CancellationToken;
        using var listed = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/keys?account_id=acct_k"), ct);
        var listText = await listed.Content.ReadAsStringAsync(ct);
        using var list = JsonDocument.Parse(listText);
        var keyId = list.RootElement[0].GetProperty("key_id").GetString();
        using var before = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);

        using var revoke = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Delete, $"/admin/keys/{keyId}"), ct);
        using var after = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);

        Assert.DoesNotContain(key, listText, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoke.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
    }
}
