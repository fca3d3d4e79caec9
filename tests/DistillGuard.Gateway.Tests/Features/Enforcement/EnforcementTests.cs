using System.Net;
using System.Text.Json;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DistillGuard.Gateway.Tests.Features.Enforcement;

public sealed class EnforcementTests
{
    [Fact]
    public async Task HandleAsync_BlockedAccount_Returns403InEachApisErrorShapeAndNeverForwards()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_bad");
        await fixture.SetOverrideAsync("acct_bad", "block");
        var ct = TestContext.Current.CancellationToken;

        using var anthropic = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
        using var openAI = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", key, Bodies.OpenAI()), ct);

        Assert.Equal(HttpStatusCode.Forbidden, anthropic.StatusCode);
        using var a = JsonDocument.Parse(await anthropic.Content.ReadAsStringAsync(ct));
        Assert.Equal("error", a.RootElement.GetProperty("type").GetString());
        Assert.Equal("permission_error", a.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Contains("blocked", a.RootElement.GetProperty("error").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, openAI.StatusCode);
        using var o = JsonDocument.Parse(await openAI.Content.ReadAsStringAsync(ct));
        Assert.Equal("account_blocked", o.RootElement.GetProperty("error").GetProperty("code").GetString());
        Assert.Empty(fixture.Anthropic.State.Received);
        Assert.Empty(fixture.OpenAI.State.Received);

        await fixture.StopGatewayAsync();
        Assert.All(fixture.ReadLog(), r => Assert.Equal(403, r.GetProperty("status").GetInt32()));
        Assert.Equal(2, fixture.ReadLog().Count);
    }

    [Fact]
    public async Task HandleAsync_ThrottledAccountPastBurst_Returns429WithRetryAfterUntilTokensRefill()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 4, 22, 3, 0, 0, TimeSpan.Zero));
        await using var fixture = await GatewayFixture.StartAsync(
            s => { s["Gateway:Policy:ThrottleBurst"] = "2"; s["Gateway:Policy:ThrottleRequestsPerMinute"] = "6"; },
            services => services.AddSingleton<TimeProvider>(clock));
        var key = await fixture.CreateKeyAsync("acct_slow");
        await fixture.SetOverrideAsync("acct_slow", "throttle");
        var ct = TestContext.Current.CancellationToken;

        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? limited = null;
        for (var i = 0; i < 3; i++)
        {
            var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
            statuses.Add(response.StatusCode);
            limited = response;
        }

        clock.Advance(TimeSpan.FromSeconds(10));
        using var afterRefill = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.OK, (HttpStatusCode)429], statuses);
        Assert.Equal(TimeSpan.FromSeconds(10), limited!.Headers.RetryAfter!.Delta);
        using var error = JsonDocument.Parse(await limited.Content.ReadAsStringAsync(ct));
        Assert.Equal("rate_limit_error", error.RootElement.GetProperty("error").GetProperty("type").GetString());
        Assert.Equal(HttpStatusCode.OK, afterRefill.StatusCode);
    }

    [Fact]
    public async Task HandleAsync_ReviewAccountWithoutCountermeasures_AllowedUntouchedAndCounted()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_watch");
        await fixture.SetOverrideAsync("acct_watch", "review");
        var ct = TestContext.Current.CancellationToken;
        var body = Bodies.Anthropic(think: true);

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, body), ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        var metrics = await fixture.Client.GetStringAsync("/metrics", ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("\"thinking\"", text, StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(body), fixture.Anthropic.State.Received.Single().Body);
        Assert.Contains("distillguard_gateway_enforcements_total{action=\"review\"} 1", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HandleAsync_NewAccountOnABlockedHoldersCard_RefusedFromItsFirstRequestUntilTheBlockIsLifted()
    {
        var (gateway, newKey) = await CardWithABlockedHolderAsync();
        await using var fixture = gateway;
        var ct = TestContext.Current.CancellationToken;
        var ownerKey = await fixture.CreateKeyAsync("acct_owner");

        using var first = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", newKey, Bodies.Anthropic()), ct);
        using var owner = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", ownerKey, Bodies.Anthropic()), ct);
        using var lookup = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/accounts/acct_new"), ct);
        using var support = JsonDocument.Parse(await lookup.Content.ReadAsStringAsync(ct));
        using var flagged = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/accounts/flagged?verdict=block"), ct);
        using var blockedList = JsonDocument.Parse(await flagged.Content.ReadAsStringAsync(ct));
        var standingMetric = PrometheusText.Value(await fixture.Client.GetStringAsync("/metrics", ct), "distillguard_gateway_standing_accounts");

        Assert.Equal(HttpStatusCode.Forbidden, first.StatusCode);
        Assert.Contains("blocked", await first.Content.ReadAsStringAsync(ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, owner.StatusCode);
        Assert.Single(fixture.Anthropic.State.Received);
        var account = support.RootElement;
        Assert.Equal("block", account.GetProperty("verdict").GetString());
        Assert.Equal("allow", account.GetProperty("engine_verdict").GetString());
        Assert.Equal("block", account.GetProperty("standing").GetProperty("verdict").GetString());
        Assert.Equal("2026-05-21T23:00:00.000Z", account.GetProperty("standing").GetProperty("until").GetString());
        Assert.Contains("payment instrument whose other holder is blocked", account.GetProperty("standing").GetProperty("detail").GetString(), StringComparison.Ordinal);
        // acct_new; the owner's standing lapsed with its youth.
        Assert.Equal(1, standingMetric);
        Assert.Equal(["acct_banned", "acct_new"], blockedList.RootElement.EnumerateArray().Select(a => a.GetProperty("account_id").GetString()));

        // Support lifts the block on the card's holder: the newcomer is served again, though the engine has not yet
        // applied its refused request.
        using var cleared = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Delete, "/admin/accounts/acct_banned/override"), ct);
        cleared.EnsureSuccessStatusCode();
        using var after = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", newKey, Bodies.Anthropic()), ct);

        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(2, fixture.Anthropic.State.Received.Count);
        Assert.Equal(0, PrometheusText.Value(await fixture.Client.GetStringAsync("/metrics", ct), "distillguard_gateway_standing_accounts"));
    }

    [Fact]
    public async Task HandleAsync_ReplacementRefusedOnItsStanding_StillRefusedAfterARestart()
    {
        var (gateway, key) = await CardWithABlockedHolderAsync();
        await using var fixture = gateway;
        var ct = TestContext.Current.CancellationToken;
        using var before = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);

        // The store's accounts and overrides and the replayed log give the new engine the same standing: the refused
        // request is logged but, two minutes not having passed on this clock, not yet applied.
        await fixture.StopGatewayAsync();
        await fixture.StartGatewayAsync();
        using var after = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
        using var lookup = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Get, "/admin/accounts/acct_new"), ct);
        using var support = JsonDocument.Parse(await lookup.Content.ReadAsStringAsync(ct));

        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, after.StatusCode);
        Assert.Equal("block", support.RootElement.GetProperty("standing").GetProperty("verdict").GetString());
        Assert.Empty(fixture.Anthropic.State.Received);
    }

    [Fact]
    public async Task HandleAsync_AccountsChangingCardsThroughTheAdminApi_RefusedOnTheNewCardsStandingAlsoAfterARestart()
    {
        var (gateway, newKey) = await CardWithABlockedHolderAsync();
        await using var fixture = gateway;
        var ct = TestContext.Current.CancellationToken;
        var switcherKey = await fixture.CreateKeyAsync("acct_switcher");
        await UpsertAsync(fixture, "acct_switcher", "2026-04-21T22:00:00Z", "pf_switcher_own");
        using var switcherBefore = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", switcherKey, Bodies.Anthropic()), ct);
        using var newBefore = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", newKey, Bodies.Anthropic()), ct);

        // acct_new's customer changes cards; acct_switcher's record now names the blocked holder's.
        await UpsertAsync(fixture, "acct_new", "2026-04-21T23:00:00Z", "pf_new_own");
        await UpsertAsync(fixture, "acct_switcher", "2026-04-21T22:00:00Z", "pf_shared");
        using var switcherAfter = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", switcherKey, Bodies.Anthropic()), ct);
        using var newAfter = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", newKey, Bodies.Anthropic()), ct);
        await fixture.StopGatewayAsync();
        await fixture.StartGatewayAsync();
        using var switcherRestarted = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", switcherKey, Bodies.Anthropic()), ct);
        using var newRestarted = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", newKey, Bodies.Anthropic()), ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Forbidden], [switcherBefore.StatusCode, newBefore.StatusCode]);
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.OK], [switcherAfter.StatusCode, newAfter.StatusCode]);
        Assert.Equal([HttpStatusCode.Forbidden, HttpStatusCode.OK], [switcherRestarted.StatusCode, newRestarted.StatusCode]);
        Assert.Equal(3, fixture.Anthropic.State.Received.Count);
    }

    [Fact]
    public async Task Restart_AccountsFileWithoutTheStoresLastChange_TheStoresRecordInForceAndAppendedStamped()
    {
        var log = new CapturedLog();
        var (gateway, _) = await CardWithABlockedHolderAsync(log);
        await using var fixture = gateway;
        var ct = TestContext.Current.CancellationToken;
        var switcherKey = await fixture.CreateKeyAsync("acct_switcher");
        await UpsertAsync(fixture, "acct_switcher", "2026-04-21T22:00:00Z", "pf_switcher_own");
        using var before = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", switcherKey, Bodies.Anthropic()), ct);
        await UpsertAsync(fixture, "acct_switcher", "2026-04-21T22:00:00Z", "pf_shared");
        await fixture.StopGatewayAsync();

        // A stop between the store's write and the file's append cost the file its last line; a hand edit left a cut one.
        var path = Path.Combine(fixture.LogDirectory, "accounts.jsonl");
        var lines = File.ReadAllLines(path);
        Assert.Contains("\"pf_shared\"", lines[^1], StringComparison.Ordinal);
        File.WriteAllLines(path, ["{\"account_id\":", .. lines[..^1]]);
        log.Events.Clear();
        await fixture.StartGatewayAsync();
        using var after = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", switcherKey, Bodies.Anthropic()), ct);

        Assert.Equal([HttpStatusCode.OK, HttpStatusCode.Forbidden], [before.StatusCode, after.StatusCode]);
        Assert.Contains(log.Events, e => e.EventId == 29 && e.Message.Contains(path + ":1: ", StringComparison.Ordinal));
        Assert.Contains(log.Events, e => e.EventId == 30 && e.Message.StartsWith("1 accounts", StringComparison.Ordinal) && e.Message.Contains("acct_switcher", StringComparison.Ordinal));
        var bad = new BadRecordLog();
        var last = AccountsFileReader.Read(path, bad)[^1];
        Assert.Equal(("acct_switcher", "pf_shared"), (last.AccountId, last.PaymentFingerprint));
        Assert.NotNull(last.EffectiveFrom);

        // The file holds the store's records now: the next start finds nothing to add.
        await fixture.StopGatewayAsync();
        log.Events.Clear();
        await fixture.StartGatewayAsync();
        Assert.DoesNotContain(log.Events, e => e.EventId == 30);
    }

    private static async Task UpsertAsync(GatewayFixture fixture, string accountId, string createdAt, string paymentFingerprint)
    {
        using var response = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Post, "/admin/accounts", new[]
        {
            new Dictionary<string, object> { ["account_id"] = accountId, ["created_at"] = createdAt, ["payment_fingerprint"] = paymentFingerprint },
        }), TestContext.Current.CancellationToken);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>
    /// A gateway on a stopped clock (2026-04-22 03:00) whose store holds three accounts paying with one card: acct_banned,
    /// blocked by an operator; acct_new, signed up the evening before; acct_owner, the card's owner for half a year (too
    /// old to be a replacement). Returns it with acct_new's key.
    /// </summary>
    private static async Task<(GatewayFixture Fixture, string NewKey)> CardWithABlockedHolderAsync(CapturedLog? log = null)
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 4, 22, 3, 0, 0, TimeSpan.Zero));
        var fixture = await GatewayFixture.StartAsync(services: services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            if (log is not null)
            {
                services.AddSingleton<ILoggerProvider>(log);
            }
        });
        using var registered = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Post, "/admin/accounts", new[]
        {
            new Dictionary<string, object> { ["account_id"] = "acct_banned", ["created_at"] = "2026-04-01T00:00:00Z", ["payment_fingerprint"] = "pf_shared" },
            new Dictionary<string, object> { ["account_id"] = "acct_new", ["created_at"] = "2026-04-21T23:00:00Z", ["payment_fingerprint"] = "pf_shared" },
            new Dictionary<string, object> { ["account_id"] = "acct_owner", ["created_at"] = "2025-10-01T00:00:00Z", ["payment_fingerprint"] = "pf_shared" },
        }), TestContext.Current.CancellationToken);
        registered.EnsureSuccessStatusCode();
        var key = await fixture.CreateKeyAsync("acct_new");
        await fixture.SetOverrideAsync("acct_banned", "block");
        return (fixture, key);
    }
}
