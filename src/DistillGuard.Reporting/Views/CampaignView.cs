using DistillGuard.Core.Findings;
using DistillGuard.Reporting.Html;

namespace DistillGuard.Reporting.Views;

/// <summary>One campaign as a picture: facts, timeline, capabilities, linkage graph, then the evidence tables.</summary>
internal static partial class CampaignView
{
    public static void WriteAll(HtmlWriter html, FindingsDocument findings, FindingsViewOptions options)
    {
        html.Raw("<section class=\"dg-section\" id=\"campaigns\"><h2>Campaigns <span class=\"dg-count\">")
            .Text(ReportFormat.Count(findings.Campaigns.Count)).Raw("</span></h2>");
        if (findings.Campaigns.Count == 0)
        {
            html.Element("p", "dg-empty", "No campaign found: no group of accounts acts together strongly enough.");
        }

        for (var i = 0; i < findings.Campaigns.Count; i++)
        {
            Write(html, findings, findings.Campaigns[i], i, options);
        }

        html.Raw("</section>");
    }

    private static void Write(HtmlWriter html, FindingsDocument findings, CampaignFinding campaign, int index, FindingsViewOptions options)
    {
        html.Raw("<article class=\"dg-campaign\"")
            .Attr("id", "campaign-" + campaign.CampaignId)
            .Attr("data-campaign-id", campaign.CampaignId)
            .Attr("data-campaign-index", index.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Raw(">");
        WriteHeader(html, campaign, options);
        WriteCharts(html, findings, campaign);
        WriteReasons(html, campaign.Reasons);
        WriteTemplates(html, campaign.Templates);
        WriteInfrastructure(html, campaign);
        WriteRelated(html, campaign);
        WriteMembers(html, campaign);
        html.Raw("</article>");
    }

    private static void WriteHeader(HtmlWriter html, CampaignFinding campaign, FindingsViewOptions options)
    {
        html.Raw("<header class=\"dg-campaign-head\"><h3>").Text(campaign.CampaignId).Raw("</h3><div class=\"dg-pills\">")
            .Element("span", "dg-pill dg-pill-strong", "confidence " + ReportFormat.Percent(campaign.Confidence))
            .Element("span", "dg-pill", ReportFormat.Count(campaign.Accounts) + " accounts")
            .Element("span", "dg-pill", ReportFormat.Count(campaign.Exchanges) + " exchanges")
            .Raw("</div>");
        if (options.WriteCampaignActions is { } writeActions)
        {
            html.Raw("<div class=\"dg-campaign-actions\" data-campaign-actions>");
            writeActions(html, campaign);
            html.Raw("</div>");
        }

        html.Raw("</header>");

        html.Raw("<dl class=\"dg-facts\">");
        Fact(html, "First exchange", ReportFormat.Time(campaign.FirstSeen));
        Fact(html, "Last exchange", ReportFormat.Time(campaign.LastSeen));
        Fact(html, "Detected", campaign.DetectedAt is null ? "not yet" : ReportFormat.Time(campaign.DetectedAt));
        Fact(html, "Time to detect", campaign.DetectedAt is { } detected
            ? ReportFormat.Hours(detected - campaign.FirstSeen) + " after its first exchange"
            : "—", "time-to-detect");
        Fact(html, "Chain-of-thought elicitation", ReportFormat.Percent(campaign.CotElicitationRate) + " of prompts");
        html.Raw("</dl>");
    }

    private static void Fact(HtmlWriter html, string label, string value, string? key = null)
    {
        html.Raw("<div");
        if (key is not null)
        {
            html.Attr("data-fact", key);
        }

        html.Raw(">").Element("dt", null, label).Element("dd", null, value).Raw("</div>");
    }

    private static void WriteCharts(HtmlWriter html, FindingsDocument findings, CampaignFinding campaign)
    {
        html.Raw("<div class=\"dg-grid\">");
        if (campaign.Timeline is { Length: > 0 } && findings.Timeline is not null)
        {
            html.Raw("<figure class=\"dg-chart dg-chart-wide\"><figcaption>Exchanges per ")
                .Text(OverviewView.BucketName(findings.Timeline.BucketMinutes))
                .Raw(": this campaign vs everything else</figcaption><div class=\"dg-canvas-box\"><canvas data-chart=\"campaign-timeline\" role=\"img\" aria-label=\"Campaign timeline\"></canvas></div></figure>");
        }
        else
        {
            html.Raw("<figure class=\"dg-chart dg-chart-wide\"><figcaption>Timeline</figcaption>")
                .Element("p", "dg-empty", "This findings document carries no timeline for the campaign.").Raw("</figure>");
        }

        html.Raw("<figure class=\"dg-chart\"><figcaption>Capabilities targeted (share of exchanges)</figcaption><div class=\"dg-canvas-box\"><canvas data-chart=\"capabilities\" role=\"img\" aria-label=\"Capability breakdown\"></canvas></div></figure>");
        if (campaign.Models is { Count: > 0 })
        {
            html.Raw("<figure class=\"dg-chart\"><figcaption>Models queried (share of exchanges)</figcaption><div class=\"dg-canvas-box\"><canvas data-chart=\"models\" role=\"img\" aria-label=\"Models\"></canvas></div></figure>");
        }

        WriteGraph(html, campaign);
        html.Raw("</div>");
    }

    private static void WriteGraph(HtmlWriter html, CampaignFinding campaign)
    {
        html.Raw("<figure class=\"dg-chart dg-chart-wide dg-graph-figure\"><figcaption>Linkage graph: accounts, linked by what they share</figcaption>");
        if (campaign.Graph is not { Nodes.Count: > 0 })
        {
            html.Element("p", "dg-empty", "This findings document carries no linkage graph for the campaign.").Raw("</figure>");
            return;
        }

        html.Raw("<div class=\"dg-graph\" data-graph role=\"img\" aria-label=\"Linkage graph\"></div><ul class=\"dg-legend\">");
        foreach (var kind in GraphKinds.All)
        {
            html.Raw("<li").Attr("data-kind", kind).Raw("><span").Attr("class", "dg-swatch dg-kind-" + kind).Raw("></span>")
                .Text(GraphKinds.Label(kind)).Raw("</li>");
        }

        html.Raw("</ul><p class=\"dg-graph-note\" data-graph-note></p></figure>");
    }

    private static void WriteReasons(HtmlWriter html, List<Reason> reasons)
    {
        html.Raw("<div class=\"dg-block\"><h4>Why these accounts are one campaign</h4>");
        if (reasons.Count == 0)
        {
            html.Element("p", "dg-empty", "No reasons recorded.").Raw("</div>");
            return;
        }

        html.Raw("<ul class=\"dg-reasons\">");
        foreach (var reason in reasons)
        {
            ReasonView.WriteItem(html, reason);
        }

        html.Raw("</ul></div>");
    }
}
