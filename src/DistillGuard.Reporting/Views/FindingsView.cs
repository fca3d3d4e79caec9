using DistillGuard.Core.Findings;
using DistillGuard.Reporting.Html;

namespace DistillGuard.Reporting.Views;

/// <summary>
/// Everything the findings show, as one fragment: overview, campaigns, flagged accounts, and the chart data.
/// The scan report wraps it in a self-contained page; the gateway dashboard serves it and swaps it in live.
/// </summary>
internal static class FindingsView
{
    public static void Write(HtmlWriter html, FindingsDocument findings, FindingsViewOptions options)
    {
        ArgumentNullException.ThrowIfNull(findings);
        html.Raw("<div class=\"dg-findings\" data-findings>");
        OverviewView.Write(html, findings);
        CampaignView.WriteAll(html, findings, options);
        AccountsTableView.Write(html, findings, options);

        // type=application/json is never executed; the encoder leaves no '<' in it, so it cannot end the element.
        html.Raw("<script type=\"application/json\" class=\"dg-data\">").Raw(ChartData.Build(findings, options)).Raw("</script>");
        html.Raw("</div>");
    }

    public static string ToHtml(FindingsDocument findings, FindingsViewOptions options)
    {
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        Write(new HtmlWriter(writer), findings, options);
        return writer.ToString();
    }
}
