using DistillGuard.Reporting.Tests.Fixtures;
using DistillGuard.Testing.Browser;
using Microsoft.Playwright;

namespace DistillGuard.Reporting.Tests.Browser;

/// <summary>Opens generated reports in a real chromium, from a file:// URL with no server and no network.</summary>
public sealed class ReportBrowserTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dg-report-browser-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task Report_TwoCampaigns_RendersChartsGraphAndAccountsWithoutErrors()
    {
        var path = Path.Combine(_directory, "report.html");
        HtmlReport.WriteFile(path, FindingsFixtures.TwoCampaigns());
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();

        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForSelectorAsync("html[data-report-ready='true']");

        var campaign = page.Locator("article[data-campaign-id='cmp_0001']");
        await Assertions.Expect(campaign.Locator("h3")).ToHaveTextAsync("cmp_0001");
        await Assertions.Expect(campaign.Locator("[data-graph]")).ToHaveAttributeAsync("data-node-count", "24");
        await Assertions.Expect(page.Locator("article[data-campaign-id='cmp_0002'] [data-graph]")).ToHaveAttributeAsync("data-node-count", "6");
        Assert.Equal(24, await page.EvaluateAsync<int>("() => DistillGuardReport.state.graphs['cmp_0001'].nodes().length"));
        Assert.Equal(6, await page.EvaluateAsync<int>("() => DistillGuardReport.state.graphs['cmp_0002'].nodes().length"));
        await Assertions.Expect(campaign.Locator("canvas[data-rendered='true']")).ToHaveCountAsync(3); // timeline, capabilities, models
        await Assertions.Expect(page.Locator("canvas[data-chart='overview-timeline'][data-rendered='true']")).ToHaveCountAsync(1);
        Assert.Equal(6, await page.EvaluateAsync<int>("() => DistillGuardReport.state.charts.length")); // overview + 3 + 2
        Assert.True(await page.EvaluateAsync<bool>("() => { const c = document.querySelector('article[data-campaign-id=\"cmp_0001\"] canvas[data-chart=\"capabilities\"]'); return c.width > 100 && c.height > 100; }"));
        await Assertions.Expect(page.Locator("table[data-table='accounts'] tbody tr")).ToHaveCountAsync(32);
        await Assertions.Expect(page.Locator("blockquote.dg-example").Nth(1)).ToContainTextAsync("</script><script>window.__pwned=1</script>");
        Assert.False(await page.EvaluateAsync<bool>("() => window.__pwned === 1"));

        await ChromiumSession.ScreenshotAsync(page, "report-two-campaigns");
        await campaign.ScreenshotAsync(new() { Path = Path.Combine(ChromiumSession.ScreenshotDirectory(), "report-campaign-cmp_0001.png") });
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Report_AccountsTable_SortsAndFilters()
    {
        var path = Path.Combine(_directory, "report.html");
        HtmlReport.WriteFile(path, FindingsFixtures.TwoCampaigns());
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForSelectorAsync("html[data-report-ready='true']");
        var rows = page.Locator("table[data-table='accounts'] tbody tr:not([hidden])");

        // Risk, highest first, is the server's order; sorting by exchanges ascending puts the smallest first.
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-account-id", "acct_c1_00");
        await page.Locator("table[data-table='accounts'] th", new() { HasText = "Exchanges" }).ClickAsync();
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-account-id", FindingsFixtures.HostileAccountId);
        await page.Locator("table[data-table='accounts'] th", new() { HasText = "Exchanges" }).ClickAsync();
        await Assertions.Expect(rows.First).ToHaveAttributeAsync("data-account-id", "acct_heavy_ci");
        await page.Locator("table[data-table='accounts'] th", new() { HasText = "Verdict" }).ClickAsync();
        await Assertions.Expect(rows.First.Locator(".dg-verdict")).ToHaveTextAsync("review");

        await page.Locator("input[data-table-search='accounts']").FillAsync("cmp_0002");
        await Assertions.Expect(rows).ToHaveCountAsync(6);
        await Assertions.Expect(page.Locator("[data-table-status='accounts']")).ToHaveTextAsync("6 of 32 accounts match");
        await page.Locator("input[data-table-search='accounts']").FillAsync("creation burst");
        await Assertions.Expect(rows).ToHaveCountAsync(0);
        await page.Locator("input[data-table-search='accounts']").FillAsync("created within");
        await Assertions.Expect(rows).ToHaveCountAsync(6);

        await ChromiumSession.ScreenshotAsync(page, "report-accounts-filtered");
        Assert.Empty(browser.Errors);
    }

    [Fact]
    public async Task Report_Print_ProducesPdfWithCampaignPages()
    {
        var path = Path.Combine(_directory, "report.html");
        HtmlReport.WriteFile(path, FindingsFixtures.TwoCampaigns());
        await using var browser = await ChromiumSession.StartAsync();
        var page = await browser.NewPageAsync();
        await page.GotoAsync(new Uri(path).AbsoluteUri);
        await page.WaitForSelectorAsync("html[data-report-ready='true']");

        await page.EmulateMediaAsync(new() { Media = Media.Print });
        Assert.False(await page.Locator("input[data-table-search='accounts']").IsVisibleAsync());
        var pdf = await page.PdfAsync(new() { Format = "A4", PrintBackground = true, Path = Path.Combine(ChromiumSession.ScreenshotDirectory(), "report-two-campaigns.pdf") });

        // Overview, one page per campaign at least, and the accounts: a case file, not one long strip.
        var pages = System.Text.RegularExpressions.Regex.Count(System.Text.Encoding.Latin1.GetString(pdf), @"/Type\s*/Page[^s]");
        Assert.True(pages >= 3, $"expected at least 3 PDF pages, got {pages}");
        Assert.Empty(browser.Errors);
    }
}
