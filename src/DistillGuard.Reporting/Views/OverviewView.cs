using DistillGuard.Core.Findings;
using DistillGuard.Reporting.Html;

namespace DistillGuard.Reporting.Views;

/// <summary>The headline numbers: what was read, what was found, how much of the traffic the campaigns are.</summary>
internal static class OverviewView
{
    public static void Write(HtmlWriter html, FindingsDocument findings)
    {
        var input = findings.Input;
        long campaignExchanges = 0;
        foreach (var campaign in findings.Campaigns)
        {
            campaignExchanges += campaign.Exchanges;
        }

        int block = 0, throttle = 0, review = 0, held = 0;
        foreach (var account in findings.Accounts)
        {
            switch (account.Verdict)
            {
                case "block": block++; break;
                case "throttle": throttle++; break;
                default: review++; break;
            }

            held += account.HeldByConversationalUse() ? 1 : 0;
        }

        var share = input.Exchanges > 0 ? (double)campaignExchanges / input.Exchanges : 0;
        html.Raw("<section class=\"dg-section dg-overview\" id=\"overview\"><h2>Overview</h2><div class=\"dg-cards\">");
        Card(html, "exchanges", "Exchanges", ReportFormat.Count(input.Exchanges), Range(input));
        Card(html, "accounts", "Accounts", ReportFormat.Count(input.Accounts), null);
        Card(html, "campaigns", "Campaigns found", ReportFormat.Count(findings.Campaigns.Count), null, findings.Campaigns.Count > 0 ? "dg-alert" : null);
        Card(html, "campaign-exchanges", "Exchanges from campaigns", ReportFormat.Count(campaignExchanges), ReportFormat.Percent(share) + " of all exchanges");
        Card(html, "flagged", "Flagged accounts", ReportFormat.Count(findings.Accounts.Count),
            $"{ReportFormat.Count(block)} block · {ReportFormat.Count(throttle)} throttle · {ReportFormat.Count(review)} review"
            + (held == 0 ? string.Empty : $" ({ReportFormat.Count(held)} held there by conversational use)"));
        Card(html, "bad-records", "Bad records", ReportFormat.Count(input.BadRecords), input.BadRecords > 0 ? "skipped while reading the log" : "none");
        if (input.RiskModel is { } riskModel)
        {
            Card(html, "risk-model", "Risk model", "refitted", riskModel + ": risks are not the built-in model's");
        }

        html.Raw("</div>");

        if (findings.Timeline is { Exchanges.Length: > 0 })
        {
            html.Raw("<figure class=\"dg-chart dg-chart-wide\"><figcaption>Exchanges per ")
                .Text(BucketName(findings.Timeline.BucketMinutes))
                .Raw(": campaigns vs everything else</figcaption><div class=\"dg-canvas-box\"><canvas data-chart=\"overview-timeline\" role=\"img\" aria-label=\"Exchanges over time\"></canvas></div></figure>");
        }

        html.Raw("</section>");
    }

    public static string BucketName(int minutes) => minutes switch
    {
        60 => "hour",
        1440 => "day",
        _ when minutes % 1440 == 0 => $"{minutes / 1440} days",
        _ when minutes % 60 == 0 => $"{minutes / 60} hours",
        _ => $"{minutes} minutes",
    };

    private static string? Range(FindingsInput input) =>
        input.From is null && input.To is null ? null : $"{ReportFormat.Time(input.From)} → {ReportFormat.Time(input.To)}";

    private static void Card(HtmlWriter html, string key, string label, string value, string? note, string? modifier = null)
    {
        html.Raw("<div class=\"dg-card").Raw(modifier is null ? string.Empty : " " + modifier).Raw("\"").Attr("data-card", key).Raw(">")
            .Element("div", "dg-card-label", label)
            .Element("div", "dg-card-value", value);
        if (note is not null)
        {
            html.Element("div", "dg-card-note", note);
        }

        html.Raw("</div>");
    }
}
