using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using DistillGuard.Gateway.Features.Dashboard;

namespace DistillGuard.Gateway.Tests.Dashboard;

/// <summary>The dashboard over plain HTTP: who gets in, and what the live endpoints answer.</summary>
public sealed class DashboardEndpointsTests
{
    [Fact]
    public async Task Dashboard_NoSession_RedirectsPageAndRejectsApi()
    {
        await using var gateway = await DashboardGateway.StartAsync();
        using var client = NewClient(gateway);

        var page = await client.GetAsync("/dashboard", TestContext.Current.CancellationToken);
        var findings = await client.GetAsync("/dashboard/findings", TestContext.Current.CancellationToken);
        var events = await client.GetAsync("/dashboard/events", TestContext.Current.CancellationToken);
        var overrideCall = await client.SendAsync(OverrideRequest("acct_x", "block", scriptHeader: true), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Equal("/dashboard/login", page.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Unauthorized, findings.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, events.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, overrideCall.StatusCode);
        Assert.DoesNotContain("acct_x", await gateway.Admin.GetStringAsync("/admin/accounts/flagged", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_WrongToken_Rejected()
    {
        await using var gateway = await DashboardGateway.StartAsync();
        using var client = NewClient(gateway);

        var response = await SignInAsync(client, "not-the-admin-token-at-all");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.Contains("That is not the admin token.", await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Login_AdminToken_SetsHttpOnlyStrictCookieWithoutToken()
    {
        await using var gateway = await DashboardGateway.StartAsync();
        using var client = NewClient(gateway);

        var response = await SignInAsync(client, DashboardGateway.AdminToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("dg_dashboard=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/dashboard", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(DashboardGateway.AdminToken, cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Override_SessionWithoutScriptHeader_RejectedAsCrossSite()
    {
        await using var gateway = await DashboardGateway.StartAsync();
        using var client = NewClient(gateway);
        var cookie = await SessionCookieAsync(client);

        var request = OverrideRequest("acct_x", "block", scriptHeader: false);
        request.Headers.Add("Cookie", cookie);
        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.DoesNotContain("acct_x", await gateway.Admin.GetStringAsync("/admin/accounts/flagged", TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Override_WithSession_StoredByAdminApiAndBadVerdictRejected()
    {
        await using var gateway = await DashboardGateway.StartAsync();
        using var client = NewClient(gateway);
        var cookie = await SessionCookieAsync(client);

        var block = OverrideRequest("acct_x", "block", scriptHeader: true);
        block.Headers.Add("Cookie", cookie);
        var bad = OverrideRequest("acct_x", "obliterate", scriptHeader: true);
        bad.Headers.Add("Cookie", cookie);

        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(block, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.SendAsync(bad, TestContext.Current.CancellationToken)).StatusCode);
        Assert.Equal("block", (await gateway.FlaggedAsync())["acct_x"]);
    }

    [Fact]
    public async Task Dashboard_ReplacementOnABlockedHoldersCard_ListedAndExplainedBeforeTheEngineJudgedIt()
    {
        await using var gateway = await DashboardGateway.StartAsync();
        using var client = NewClient(gateway);
        var cookie = await SessionCookieAsync(client);
        var ct = TestContext.Current.CancellationToken;
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var accounts = await gateway.Admin.PostAsJsonAsync("/admin/accounts", new[]
        {
            new Dictionary<string, object> { ["account_id"] = "acct_holder", ["created_at"] = yesterday, ["payment_fingerprint"] = "pf_card" },
            new Dictionary<string, object> { ["account_id"] = "acct_repl", ["created_at"] = yesterday, ["payment_fingerprint"] = "pf_card" },
        }, ct);
        accounts.EnsureSuccessStatusCode();
        (await gateway.Admin.PutAsJsonAsync("/admin/accounts/acct_holder/override", new Dictionary<string, string> { ["verdict"] = "block" }, ct)).EnsureSuccessStatusCode();

        using var lookup = await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, "/dashboard/accounts/acct_repl"), cookie);
        var html = await lookup.Content.ReadAsStringAsync(ct);
        using var findings = await GetFindingsAsync(client, cookie, etag: null);
        var fragment = await findings.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.Contains("data-enforced=\"block\"", html, StringComparison.Ordinal);
        Assert.Contains("engine: allow", html, StringComparison.Ordinal);
        Assert.Contains("data-standing>blocked before its own traffic is judged: a young account on a payment instrument whose other holder is blocked", html, StringComparison.Ordinal);
        // Listed on the dashboard, with the buttons to allow-list it; the blocked holder is only among the overrides.
        var standings = fragment[fragment.IndexOf("<table class=\"dg-table\" data-standings>", StringComparison.Ordinal)..];
        standings = standings[..standings.IndexOf("</table>", StringComparison.Ordinal)];
        Assert.Contains("<tr data-account-id=\"acct_repl\">", standings, StringComparison.Ordinal);
        // The chart's blocked count holds both, though the replacement has sent nothing yet.
        Assert.Equal(2, gateway.Fixture.Service<VerdictHistory>().Sample().Block);
        Assert.Contains("data-override=\"allow\"", standings, StringComparison.Ordinal);
        Assert.DoesNotContain("acct_holder", standings, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CampaignOverride_WithSession_EveryMemberOverriddenThenCleared()
    {
        await using var gateway = await DashboardGateway.StartAsync();
        var board = gateway.Fixture.Service<DistillGuard.Gateway.Features.Detection.VerdictBoard>();
        foreach (var (id, campaign) in new[] { ("acct_c1", "camp_d"), ("acct_c2", "camp_d"), ("acct_o", "camp_o") })
        {
            board.SetEngine(new DistillGuard.Core.Engine.AccountStatus(id, DistillGuard.Core.Engine.Verdict.Review, 0.6, campaign, null));
        }

        using var client = NewClient(gateway);
        var cookie = await SessionCookieAsync(client);

        using var crossSite = await SendAsync(client, CampaignOverrideRequest("camp_d", "block", scriptHeader: false), cookie);
        using var bad = await SendAsync(client, CampaignOverrideRequest("camp_d", "obliterate", scriptHeader: true), cookie);
        using var unknown = await SendAsync(client, CampaignOverrideRequest("camp_none", "block", scriptHeader: true), cookie);
        Assert.Equal(HttpStatusCode.Unauthorized, crossSite.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(["review", "review", "review"], (await gateway.FlaggedAsync()).OrderBy(static f => f.Key, StringComparer.Ordinal).Select(static f => f.Value));

        using var block = await SendAsync(client, CampaignOverrideRequest("camp_d", "block", scriptHeader: true), cookie);
        var blocked = await gateway.FlaggedAsync();
        using var clear = await SendAsync(client, CampaignOverrideRequest("camp_d", "clear", scriptHeader: true), cookie);
        var cleared = await gateway.FlaggedAsync();

        Assert.Equal(HttpStatusCode.OK, block.StatusCode);
        Assert.Contains("\"accounts\":\"2\"", await block.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(("block", "block", "review"), (blocked["acct_c1"], blocked["acct_c2"], blocked["acct_o"]));
        Assert.Equal(HttpStatusCode.OK, clear.StatusCode);
        Assert.Equal(("review", "review", "review"), (cleared["acct_c1"], cleared["acct_c2"], cleared["acct_o"]));
        Assert.Empty(board.Overrides());
    }

    [Fact]
    public async Task Findings_Unchanged_AnsweredNotModified()
    {
        await using var gateway = await DashboardGateway.StartAsync();
        await gateway.SeedAsync(CampaignTraffic.Create(campaignAccounts: 4, honestAccounts: 2, perDay: 30, days: 1));
        using var client = NewClient(gateway);
        var cookie = await SessionCookieAsync(client);

        var first = await GetFindingsAsync(client, cookie, etag: null);
        var etag = first.Headers.ETag!.Tag;
        var second = await GetFindingsAsync(client, cookie, etag);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("data-findings", await first.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        Assert.Contains("script-src 'self'", string.Join(' ', first.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Events_SignedIn_StreamsHistoryThenSamples()
    {
        await using var gateway = await DashboardGateway.StartAsync(sampleSeconds: 0.1);
        using var client = NewClient(gateway);
        var cookie = await SessionCookieAsync(client);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/events");
        request.Headers.Add("Cookie", cookie);

        using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var events = new List<string>();
        while (events.Count < 2 && await reader.ReadLineAsync(TestContext.Current.CancellationToken) is { } line)
        {
            if (line.StartsWith("event: ", StringComparison.Ordinal))
            {
                events.Add(line[7..]);
            }
        }

        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["history", "sample"], events);
    }

    private static HttpClient NewClient(DashboardGateway gateway) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = gateway.Address };

    private static Task<HttpResponseMessage> SignInAsync(HttpClient client, string token) =>
        client.PostAsync("/dashboard/login", new FormUrlEncodedContent([new("token", token)]), TestContext.Current.CancellationToken);

    private static async Task<string> SessionCookieAsync(HttpClient client)
    {
        var response = await SignInAsync(client, DashboardGateway.AdminToken);
        return response.Headers.GetValues("Set-Cookie").Single().Split(';')[0];
    }

    private static async Task<HttpResponseMessage> GetFindingsAsync(HttpClient client, string cookie, string? etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/dashboard/findings");
        request.Headers.Add("Cookie", cookie);
        if (etag is not null)
        {
            request.Headers.IfNoneMatch.Add(new EntityTagHeaderValue(etag));
        }

        return await client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, HttpRequestMessage request, string cookie)
    {
        request.Headers.Add("Cookie", cookie);
        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }

    private static HttpRequestMessage OverrideRequest(string account, string verdict, bool scriptHeader) =>
        DashboardPost($"/dashboard/accounts/{account}/override", verdict, scriptHeader);

    private static HttpRequestMessage CampaignOverrideRequest(string campaign, string verdict, bool scriptHeader) =>
        DashboardPost($"/dashboard/campaigns/{campaign}/override", verdict, scriptHeader);

    private static HttpRequestMessage DashboardPost(string path, string verdict, bool scriptHeader)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new StringContent($"{{\"verdict\":\"{verdict}\"}}", Encoding.UTF8, "application/json"),
        };
        if (scriptHeader)
        {
            request.Headers.Add("X-DistillGuard-Dashboard", "1");
        }

        return request;
    }
}
