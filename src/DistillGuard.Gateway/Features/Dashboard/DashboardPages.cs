using System.Globalization;
using DistillGuard.Reporting.Html;
using DistillGuard.Reporting.Views;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>The dashboard's two server-rendered pages: sign-in, and the live view around the findings fragment.</summary>
internal static class DashboardPages
{
    public static string Login(string? error)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var html = new HtmlWriter(writer);
        Head(html, "Sign in · DistillGuard gateway");
        html.Raw("<body class=\"dg-report\"><main><form class=\"dg-login\" method=\"post\" action=\"/dashboard/login\">")
            .Raw("<div class=\"dg-brand\"><span class=\"dg-logo\" aria-hidden=\"true\"></span></div><h1>DistillGuard gateway</h1><p>Sign in with the gateway's admin token.</p>");
        if (error is not null)
        {
            html.Element("div", "dg-error", error);
        }

        html.Raw("<label for=\"token\">Admin token</label><input id=\"token\" name=\"token\" type=\"password\" autocomplete=\"current-password\" required autofocus>")
            .Raw("<button class=\"dg-btn dg-btn-primary\" type=\"submit\">Sign in</button></form></main></body></html>\n");
        return writer.ToString();
    }

    public static string Dashboard(string fragment, string etag, VerdictSample? latest, DashboardOptions options, DateTime now)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var html = new HtmlWriter(writer);
        Head(html, "Live dashboard · DistillGuard gateway");
        html.Raw("<body class=\"dg-report\"><div data-dashboard data-base=\"/dashboard\"")
            .Attr("data-refresh-seconds", options.RefreshSeconds.ToString(CultureInfo.InvariantCulture))
            .Attr("data-history", options.HistorySamples.ToString(CultureInfo.InvariantCulture))
            .Attr("data-version", latest?.Version.ToString(CultureInfo.InvariantCulture) ?? string.Empty).Raw(">");
        html.Raw("<header class=\"dg-masthead\"><div class=\"dg-brand\"><span class=\"dg-logo\" aria-hidden=\"true\"></span>DistillGuard</div>")
            .Raw("<div class=\"dg-title\"><h1>Gateway · live</h1><p>").Text("Opened " + ReportFormat.Time(now)).Raw("</p></div>")
            .Raw("<nav class=\"dg-nav\"><span class=\"dg-live-dot\" data-live-state data-state=\"connecting\">connecting…</span>")
            .Raw("<a href=\"#live\">Verdicts</a><a href=\"#lookup\">Look up</a><a href=\"#overrides\">Overrides</a><a href=\"#campaigns\">Campaigns</a><a href=\"#accounts\">Queue</a>")
            .Raw("<form method=\"post\" action=\"/dashboard/logout\"><button type=\"submit\">Sign out</button></form></nav></header>");

        html.Raw("<main class=\"dg-main\"><section class=\"dg-section\" id=\"live\"><h2>Enforced verdicts</h2><div class=\"dg-live-panel\">")
            .Raw("<figure class=\"dg-chart\"><figcaption>Accounts per verdict over time (overrides included)</figcaption><div class=\"dg-canvas-box\"><canvas data-chart=\"verdicts\" role=\"img\" aria-label=\"Verdict counts over time\"></canvas></div></figure>")
            .Raw("<div class=\"dg-live-counts\">");
        Count(html, "block", "Blocked", latest?.Block);
        Count(html, "throttle", "Throttled", latest?.Throttle);
        Count(html, "review", "Under review", latest?.Review);
        Count(html, "overridden", "Overridden", latest?.Overridden);
        html.Raw("</div></div></section>");

        // Support's way in: any account, flagged or not, with the same override buttons as the queue.
        html.Raw("<section class=\"dg-section\" id=\"lookup\"><h2>Look up an account</h2>")
            .Raw("<form class=\"dg-lookup\" data-account-lookup><input name=\"account\" type=\"search\" placeholder=\"account id\" aria-label=\"Account id\" required autocomplete=\"off\" spellcheck=\"false\">")
            .Raw("<button class=\"dg-btn\" type=\"submit\">Look up</button></form><div class=\"dg-account-panel\" data-account-panel></div></section>");

        html.Raw("<div id=\"dg-live-findings\"").Attr("data-etag", etag).Raw(">").Raw(fragment).Raw("</div></main>")
            .Raw("<footer class=\"dg-footer\">Verdicts refresh live; overrides are stored by the gateway and win over the engine until cleared.</footer>")
            .Raw("<div class=\"dg-toast\" role=\"status\" aria-live=\"polite\"></div></div>");
        foreach (var (name, _) in ReportAssets.Scripts)
        {
            html.Raw("<script").Attr("src", "/dashboard/assets/" + name).Raw("></script>");
        }

        html.Raw("<script src=\"/dashboard/assets/dashboard.js\"></script></body></html>\n");
        return writer.ToString();
    }

    private static void Head(HtmlWriter html, string title) =>
        html.Raw("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
            .Raw("<title>").Text(title).Raw("</title><link rel=\"icon\" href=\"data:,\">")
            .Raw("<link rel=\"stylesheet\" href=\"/dashboard/assets/report.css\"><link rel=\"stylesheet\" href=\"/dashboard/assets/dashboard.css\"></head>");

    private static void Count(HtmlWriter html, string key, string label, int? value) =>
        html.Raw("<div class=\"dg-card\"").Attr("data-verdict", key).Raw(">")
            .Element("div", "dg-card-label", label)
            .Raw("<div class=\"dg-card-value\"").Attr("data-live-count", key).Raw(">")
            .Text(value?.ToString(CultureInfo.InvariantCulture) ?? "—").Raw("</div></div>");
}
