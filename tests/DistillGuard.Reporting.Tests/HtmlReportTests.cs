using System.Text.Json;
using System.Text.RegularExpressions;
using DistillGuard.Core.Findings;
using DistillGuard.Reporting.Html;
using DistillGuard.Reporting.Views;
using DistillGuard.Reporting.Tests.Fixtures;

namespace DistillGuard.Reporting.Tests;

public sealed partial class HtmlReportTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("dg-report-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void WriteFile_SameFindings_ByteIdenticalOutput()
    {
        var first = Path.Combine(_directory, "a.html");
        var second = Path.Combine(_directory, "b.html");

        HtmlReport.WriteFile(first, FindingsFixtures.TwoCampaigns());
        HtmlReport.WriteFile(second, FindingsFixtures.TwoCampaigns());

        Assert.Equal(File.ReadAllBytes(first), File.ReadAllBytes(second));
        Assert.False(File.Exists(first + ".tmp"));
    }

    [Fact]
    public void WriteFile_HostilePromptAndIds_NeverBecomeMarkup()
    {
        var html = HtmlReport.Render(FindingsFixtures.TwoCampaigns());

        Assert.DoesNotContain("<script>window.__pwned", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<i>markup</i>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<img src=x", html, StringComparison.Ordinal);
        Assert.Contains("&lt;/script&gt;&lt;script&gt;window.__pwned=1&lt;/script&gt;&lt;!--", html, StringComparison.Ordinal);
        Assert.Contains("acct_&lt;b&gt;bold&lt;/b&gt;", html, StringComparison.Ordinal);

        // Exactly the scripts the page means to have: chart.js, cytoscape, report.js, and the JSON data block.
        Assert.Equal(4, ScriptOpenTag().Count(html));
        Assert.Equal(4, Regex.Count(html, "</script>", RegexOptions.IgnoreCase));
    }

    [Fact]
    public void WriteFile_EmbeddedData_ParsesAndKeepsHostileTextAsData()
    {
        var html = HtmlReport.Render(FindingsFixtures.TwoCampaigns());

        var json = DataBlock().Match(html).Groups[1].Value;
        Assert.DoesNotContain("<", json, StringComparison.Ordinal);
        using var data = JsonDocument.Parse(json);
        var campaigns = data.RootElement.GetProperty("campaigns");
        Assert.Equal(2, campaigns.GetArrayLength());
        var graph = campaigns[0].GetProperty("graph");
        Assert.Equal(24, graph.GetProperty("nodes").GetArrayLength());
        Assert.Equal(24, graph.GetProperty("total").GetInt32());
        Assert.Equal(72, campaigns[0].GetProperty("timeline").GetProperty("campaign").GetArrayLength());
        Assert.Equal("coding", campaigns[0].GetProperty("capabilities")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void WriteFile_GraphLinkedBySignUpDomain_KeepsTheKindAndNamesItInTheLegend()
    {
        var findings = FindingsFixtures.TwoCampaigns();
        var graph = findings.Campaigns[0].Graph!;
        graph.Edges.Add(new() { Source = graph.Nodes[0], Target = graph.Nodes[23], Kind = "email_domain", Weight = 0.6 });

        var html = HtmlReport.Render(findings);

        using var data = JsonDocument.Parse(DataBlock().Match(html).Groups[1].Value);
        var edges = data.RootElement.GetProperty("campaigns")[0].GetProperty("graph").GetProperty("edges").EnumerateArray();
        Assert.Contains(edges, e => e.GetProperty("kind").GetString() == "email_domain");
        Assert.Contains("data-kind=\"email_domain\"><span class=\"dg-swatch dg-kind-email_domain\"></span>same sign-up e-mail domain</li>", html, StringComparison.Ordinal);
        Assert.Contains(".dg-kind-email_domain {", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteFile_CampaignsSharingAProxyBlock_EachNamesTheOtherAndWhat()
    {
        var findings = FindingsFixtures.TwoCampaigns();
        findings.Campaigns[0].RelatedCampaigns = [new() { CampaignId = "cmp_0002", Shared = [new() { Kind = "ip_block", Value = "198.51.100.0/24" }] }];
        findings.Campaigns[1].RelatedCampaigns = [new() { CampaignId = "cmp_0001", Shared = [new() { Kind = "ip_block", Value = "198.51.100.0/24" }] }];

        var html = HtmlReport.Render(findings);
        var plain = HtmlReport.Render(FindingsFixtures.TwoCampaigns());

        Assert.Equal(2, Regex.Count(html, "<h4>Shared with other campaigns</h4>"));
        Assert.Contains("<tr><td><a href=\"#campaign-cmp_0002\">cmp_0002</a></td><td>same IP block</td><td class=\"dg-mono\">198.51.100.0/24</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"#campaign-cmp_0001\">cmp_0001</a>", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Shared with other campaigns", plain, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteFile_Report_IsSelfContainedWithHashedCsp()
    {
        var html = HtmlReport.Render(FindingsFixtures.TwoCampaigns());

        Assert.DoesNotMatch(@"<(script|link|img|iframe)[^>]+(src|href)=""(https?:)?//", html);
        Assert.Contains("default-src 'none'", html, StringComparison.Ordinal);
        Assert.Contains(ReportAssets.CspHash(ReportAssets.ChartJs), html, StringComparison.Ordinal);
        Assert.Contains(ReportAssets.CspHash(ReportAssets.Cytoscape), html, StringComparison.Ordinal);
        Assert.Contains(ReportAssets.CspHash(ReportAssets.ReportJs), html, StringComparison.Ordinal);
        Assert.Contains("@media print", html, StringComparison.Ordinal);
        Assert.Contains("Chart", ReportAssets.ChartJs, StringComparison.Ordinal);
        Assert.Contains("cytoscape", ReportAssets.Cytoscape, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteFile_EnforcedAccountThatLapsed_RowSaysWhenEnforcementBeganAndLapsed()
    {
        var findings = FindingsFixtures.TwoCampaigns();
        var account = findings.Accounts.First(a => a.Verdict == "block");
        var start = account.FirstFlaggedAt!.Value;
        account.FirstEnforcedAt = start.AddMinutes(2);
        account.Lapses = [new EnforcementLapse { From = start.AddHours(3), To = start.AddHours(4) }, new EnforcementLapse { From = start.AddHours(9) }];

        var html = HtmlReport.Render(findings);

        var row = Regex.Match(html, $"<tr id=\"account-{account.AccountId}\".*?</tr>", RegexOptions.Singleline).Value;
        Assert.Contains($"<span class=\"dg-when\" data-enforced-at>enforced {ReportFormat.Time(start.AddMinutes(2))}</span>", row, StringComparison.Ordinal);
        Assert.Contains($"lapsed 2 times, first from {ReportFormat.Time(start.AddHours(3))} to {ReportFormat.Time(start.AddHours(4))}", row, StringComparison.Ordinal);
        // Accounts whose findings carry neither (other producers, review verdicts) show just the first flag.
        Assert.Single(Regex.Matches(html, "data-enforced-at"));
    }

    [Fact]
    public void Render_AccountHeldAtReviewByConversationalUse_ShowsTheHoldFirstNotFolded()
    {
        var findings = FindingsFixtures.TwoCampaigns();
        var account = findings.Accounts.First(a => a.AccountId == "acct_heavy_ci");
        account.Reasons =
        [
            new() { Signal = SignalNames.SharedPayment, Weight = 0.5, Detail = "payment instrument pf_team shared with 10 accounts" },
            new() { Signal = SignalNames.SharedEmailDomain, Weight = 0.3, Detail = "e-mail domain acme.example shared with 10 accounts" },
            new() { Signal = SignalNames.CreationBurst, Weight = 0.1, Detail = "10 of 10 linked accounts were created within 72 hours" },
            new() { Signal = SignalNames.Unverified, Weight = 0.1, Detail = "identity not verified" },
            new() { Signal = SignalNames.ConversationalUse, Weight = 0, Detail = "held at review: 70% of its 90 exchanges continue a conversation" },
        ];

        var html = HtmlReport.Render(findings);

        var row = Regex.Match(html, "<tr id=\"account-acct_heavy_ci\".*?</tr>", RegexOptions.Singleline).Value;
        var visible = row[..row.IndexOf("dg-more", StringComparison.Ordinal)];
        Assert.Matches(@"<ul class=""dg-reasons dg-reasons-compact""><li><span class=""dg-signal"">conversational_use</span>", visible);
        Assert.Contains("shared_payment", visible, StringComparison.Ordinal);
        Assert.DoesNotContain("unverified", visible, StringComparison.Ordinal);
        Assert.Contains("· 2 review (1 held there by conversational use)</div>", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteFile_TwoCampaigns_ShowsOverviewCampaignFactsAndEvidence()
    {
        var html = HtmlReport.Render(FindingsFixtures.TwoCampaigns());

        Assert.Contains("data-campaign-id=\"cmp_0001\"", html, StringComparison.Ordinal);
        Assert.Contains("data-campaign-id=\"cmp_0002\"", html, StringComparison.Ordinal);
        Assert.Contains("5.8 h after its first exchange", html, StringComparison.Ordinal); // 27:14 → 33:00
        Assert.Contains("AS64512", html, StringComparison.Ordinal);
        Assert.Contains("203.0.113.0/24", html, StringComparison.Ordinal);
        Assert.Contains("tpl_3f9a", html, StringComparison.Ordinal);
        Assert.Contains("24 accounts pay with 2 payment instruments", html, StringComparison.Ordinal);
        Assert.Equal(32, Regex.Count(html, "<tr id=\"account-"));
        Assert.Matches(@"data-card=""bad-records""><div class=""dg-card-label"">Bad records</div><div class=""dg-card-value"">3</div>", html);
        Assert.DoesNotContain("data-card=\"risk-model\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_FindingsOfARefittedRiskModel_SaysSoInTheOverview()
    {
        var findings = FindingsFixtures.TwoCampaigns();
        findings.Input.RiskModel = "sha256:0123456789abcdef";

        var html = HtmlReport.Render(findings);

        Assert.Matches(@"data-card=""risk-model""><div class=""dg-card-label"">Risk model</div><div class=""dg-card-value"">refitted</div><div class=""dg-card-note"">sha256:0123456789abcdef: risks are not the built-in model&#39;s</div>", html);
    }

    [Fact]
    public void WriteFile_NoCampaignsNoTimeline_RendersEmptyStates()
    {
        var html = HtmlReport.Render(FindingsFixtures.Empty());

        Assert.Contains("No campaign found", html, StringComparison.Ordinal);
        Assert.Contains("No account is flagged.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<canvas data-chart=\"overview-timeline\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public void WriteFile_UnwritableDirectory_ThrowsAndLeavesNoFile()
    {
        var path = Path.Combine(_directory, "missing", "report.html");

        Assert.Throws<DirectoryNotFoundException>(() => HtmlReport.WriteFile(path, FindingsFixtures.Empty()));
        Assert.False(File.Exists(path));
    }

    [GeneratedRegex("<script[\\s>]", RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOpenTag();

    [GeneratedRegex("<script type=\"application/json\" class=\"dg-data\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();
}
