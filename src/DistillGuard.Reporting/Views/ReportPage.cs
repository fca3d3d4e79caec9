using DistillGuard.Core.Findings;
using DistillGuard.Reporting.Html;

namespace DistillGuard.Reporting.Views;

/// <summary>
/// The scan report: one HTML file with its styles and scripts inline, so it opens anywhere without a network.
/// A Content-Security-Policy lists the hash of each inline script and allows nothing else to load or run.
/// </summary>
internal static class ReportPage
{
    public static void Write(TextWriter output, FindingsDocument findings)
    {
        var html = new HtmlWriter(output);
        var css = ReportAssets.ReportCss;
        var scripts = ReportAssets.Scripts;
        var scriptHashes = string.Empty;
        foreach (var (_, text) in scripts)
        {
            scriptHashes += " " + ReportAssets.CspHash(text);
        }

        html.Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            // Styles may be inline: chart.js and cytoscape set style attributes on the elements they create.
            .Raw("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src")
            .Raw(scriptHashes).Raw("\">")
            .Raw("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<meta name=\"generator\" content=\"DistillGuard\">")
            .Raw("<title>").Text("DistillGuard scan report · " + ReportFormat.Time(findings.GeneratedAt)).Raw("</title>")
            .Raw("<link rel=\"icon\" href=\"data:,\">")
            .Raw("<style>").Raw(css).Raw("</style></head>\n<body class=\"dg-report\">");

        WriteMasthead(html, findings);
        html.Raw("<main class=\"dg-main\">");
        FindingsView.Write(html, findings, new FindingsViewOptions());
        html.Raw("</main>");
        html.Raw("<footer class=\"dg-footer\">").Text("Schema " + findings.Schema + " · risk is a calibrated estimate that an account belongs to a distillation campaign · all times UTC, in log time").Raw("</footer>\n");

        foreach (var (_, text) in scripts)
        {
            html.Raw("<script>").Raw(text).Raw("</script>\n");
        }

        html.Raw("</body></html>\n");
    }

    public static void WriteMasthead(HtmlWriter html, FindingsDocument findings)
    {
        html.Raw("<header class=\"dg-masthead\"><div class=\"dg-brand\"><span class=\"dg-logo\" aria-hidden=\"true\"></span>DistillGuard</div>")
            .Raw("<div class=\"dg-title\"><h1>Scan report</h1><p>")
            .Text("Generated " + ReportFormat.Time(findings.GeneratedAt))
            .Raw("</p></div><nav class=\"dg-nav\"><a href=\"#overview\">Overview</a><a href=\"#campaigns\">Campaigns</a><a href=\"#accounts\">Accounts</a></nav></header>");
    }
}
