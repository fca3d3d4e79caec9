using System.Net;
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
}
