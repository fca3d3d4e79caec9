using System.Net;
using System.Net.Http.Json;
using DistillGuard.Testing.Browser;
using Microsoft.Playwright;

namespace DistillGuard.Gateway.Tests.Dashboard;

/// <summary>The live dashboard in a real chromium against a real gateway on 127.0.0.1.</summary>
public sealed class DashboardBrowserTests
{
    [Fact]
    public async Task Dashboard_SignInThenOverride_TakesEffectInPageAndAdminApi()
    {
        await using var gateway = await DashboardGateway.StartAsync();
        await gateway.SeedAsync(CampaignTraffic.Create());
        var before = await gateway.FlaggedAsync();
        var target = before.Where(static f => f.Value == "block").Select(static f => f.Key).Order(StringComparer.Ordinal).First();
        var key = await gateway.Fixture.CreateKeyAsync(target);
        Assert.Equal(HttpStatusCode.Forbidden, await gateway.ModelRequestAsync(key));
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(gateway.Address, "/dashboard").AbsoluteUri);
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(gateway.Address, "/dashboard/login").AbsoluteUri);
        await ChromiumSession.ScreenshotAsync(page, "dashboard-login");
        await page.Locator("input[name='token']").FillAsync(DashboardGateway.AdminToken);
        await page.Locator("button[type='submit']").ClickAsync();
        await page.WaitForSelectorAsync("html[data-report-ready='true']");

        await Assertions.Expect(page.Locator("[data-live-state]")).ToHaveAttributeAsync("data-state", "live");
        await Assertions.Expect(page.Locator("canvas[data-chart='verdicts'][data-rendered='true']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("article[data-campaign-id]").First).ToBeVisibleAsync();
        var campaign = page.Locator("article[data-campaign-id]").First;
        var members = await campaign.Locator(".dg-members li").CountAsync();
        await Assertions.Expect(campaign.Locator("[data-graph]")).ToHaveAttributeAsync("data-node-count", members.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var row = page.Locator($"table[data-table='accounts'] tr[data-account-id='{target}']");
        await Assertions.Expect(row).ToHaveCountAsync(1);
        await ChromiumSession.ScreenshotAsync(page, "dashboard-before-override");

        await row.Locator("button[data-override='allow']").ClickAsync();

        await Assertions.Expect(row.Locator("[data-override-state]")).ToHaveTextAsync("enforced: allow (override)");
        await Assertions.Expect(page.Locator($"table[data-overrides] tr[data-account-id='{target}']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-live-count='overridden']")).ToHaveTextAsync("1");
        Assert.Equal("allow", (await gateway.FlaggedAsync())[target]);
        Assert.Equal(HttpStatusCode.OK, await gateway.ModelRequestAsync(key)); // enforced on the next request
        await ChromiumSession.ScreenshotAsync(page, "dashboard-after-override");

        await row.Locator("button[data-override='clear']").ClickAsync();
        await Assertions.Expect(page.Locator("table[data-overrides]")).ToHaveCountAsync(0);
        Assert.Equal("block", (await gateway.FlaggedAsync())[target]);
        Assert.Equal(HttpStatusCode.Forbidden, await gateway.ModelRequestAsync(key));
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Dashboard_CampaignAllowAllConfirmedThenCleared_EveryMemberFollows()
    {
        await using var gateway = await DashboardGateway.StartAsync();
        await gateway.SeedAsync(CampaignTraffic.Create());
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        var questions = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await SignInAsync(page, gateway);

        var campaign = page.Locator("article[data-campaign-id]").First;
        var campaignId = await campaign.GetAttributeAsync("data-campaign-id");
        var members = await campaign.Locator(".dg-members li").AllTextContentsAsync();
        var key = await gateway.Fixture.CreateKeyAsync(members[0]);
        Assert.Equal(HttpStatusCode.Forbidden, await gateway.ModelRequestAsync(key));
        var state = campaign.Locator("[data-campaign-override-state]");
        await Assertions.Expect(state).ToHaveTextAsync("no overrides: the engine decides");

        await campaign.Locator("button[data-campaign-override='allow']").ClickAsync();

        await Assertions.Expect(state).ToHaveTextAsync($"{members.Count} of {members.Count} accounts overridden");
        await Assertions.Expect(page.Locator("table[data-overrides] tbody tr")).ToHaveCountAsync(members.Count);
        await Assertions.Expect(campaign.Locator("button[data-campaign-override='allow']")).ToBeDisabledAsync();
        Assert.Equal($"Allow all {members.Count} accounts of campaign {campaignId}? This overrides the engine for each of them.", Assert.Single(questions));
        var flagged = await gateway.FlaggedAsync();
        Assert.All(members, id => Assert.Equal("allow", flagged[id]));
        Assert.Equal(HttpStatusCode.OK, await gateway.ModelRequestAsync(key));
        await ChromiumSession.ScreenshotAsync(page, "dashboard-campaign-allowed");

        await campaign.Locator("button[data-campaign-override='clear']").ClickAsync();

        await Assertions.Expect(state).ToHaveTextAsync("no overrides: the engine decides");
        await Assertions.Expect(page.Locator("table[data-overrides]")).ToHaveCountAsync(0);
        Assert.Equal(2, questions.Count);
        Assert.Equal(HttpStatusCode.Forbidden, await gateway.ModelRequestAsync(key));
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Dashboard_LookUpAnUnflaggedAccountThenBlockIt_EnforcedOnItsNextRequest()
    {
        await using var gateway = await DashboardGateway.StartAsync();
        var key = await gateway.Fixture.CreateKeyAsync("acct_support");
        Assert.Equal(HttpStatusCode.OK, await gateway.ModelRequestAsync(key));
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await SignInAsync(page, gateway);
        var search = page.Locator("form[data-account-lookup] input[name='account']");
        var panel = page.Locator("[data-account-panel]");

        await search.FillAsync("acct_nobody");
        await search.PressAsync("Enter");
        await Assertions.Expect(panel.Locator("[data-account-missing]")).ToContainTextAsync("No account acct_nobody is known to this gateway");

        await search.FillAsync("acct_support");
        await search.PressAsync("Enter");
        var card = panel.Locator("article[data-account-card][data-account-id='acct_support']");
        await Assertions.Expect(card.Locator("[data-enforced]")).ToHaveAttributeAsync("data-enforced", "allow");
        await card.Locator("button[data-override='block']").ClickAsync();

        await Assertions.Expect(card.Locator("[data-enforced]")).ToHaveAttributeAsync("data-enforced", "block");
        await Assertions.Expect(card.Locator("[data-override-state]")).ToHaveTextAsync("enforced: block (override)");
        await Assertions.Expect(page.Locator("table[data-overrides] tr[data-account-id='acct_support']")).ToHaveCountAsync(1);
        Assert.Equal(HttpStatusCode.Forbidden, await gateway.ModelRequestAsync(key));
        Assert.Equal("block", (await gateway.FlaggedAsync())["acct_support"]);
        await ChromiumSession.ScreenshotAsync(page, "dashboard-account-lookup");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Dashboard_ReplacementRefusedOnItsStanding_AllowListedFromItsRowAndServed()
    {
        await using var gateway = await DashboardGateway.StartAsync();
        var ct = TestContext.Current.CancellationToken;
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        (await gateway.Admin.PostAsJsonAsync("/admin/accounts", new[]
        {
            new Dictionary<string, object> { ["account_id"] = "acct_banned", ["created_at"] = yesterday, ["payment_fingerprint"] = "pf_family" },
            new Dictionary<string, object> { ["account_id"] = "acct_sibling", ["created_at"] = yesterday, ["payment_fingerprint"] = "pf_family" },
        }, ct)).EnsureSuccessStatusCode();
        await gateway.Fixture.SetOverrideAsync("acct_banned", "block");
        var key = await gateway.Fixture.CreateKeyAsync("acct_sibling");
        Assert.Equal(HttpStatusCode.Forbidden, await gateway.ModelRequestAsync(key));
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await SignInAsync(page, gateway);

        var row = page.Locator("table[data-standings] tr[data-account-id='acct_sibling']");
        await Assertions.Expect(row.Locator(".dg-verdict")).ToHaveTextAsync("block");
        await ChromiumSession.ScreenshotAsync(page, "dashboard-standings");
        // A family member sharing a card, say: support allow-lists it from its row.
        await row.Locator("button[data-override='allow']").ClickAsync();

        await Assertions.Expect(page.Locator("table[data-overrides] tr[data-account-id='acct_sibling']")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("table[data-standings]")).ToHaveCountAsync(0);
        Assert.Equal(HttpStatusCode.OK, await gateway.ModelRequestAsync(key));
        Assert.Empty(browser.Errors);
    }

    /// <summary>Signs in through the login form and waits for the dashboard to render.</summary>
    private static async Task SignInAsync(IPage page, DashboardGateway gateway)
    {
        await page.GotoAsync(new Uri(gateway.Address, "/dashboard/login").AbsoluteUri);
        await page.Locator("input[name='token']").FillAsync(DashboardGateway.AdminToken);
        await page.Locator("button[type='submit']").ClickAsync();
        await page.WaitForSelectorAsync("html[data-report-ready='true']");
    }
}
