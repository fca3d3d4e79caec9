using System.Globalization;
using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Admin;
using DistillGuard.Gateway.Features.Detection;
using DistillGuard.Reporting.Html;
using DistillGuard.Reporting.Views;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>
/// The dashboard's account lookup: one account, flagged or not, with what is enforced on it and why, and the same
/// override buttons as the queue — so support can allow-list a customer, or block an account the engine has not flagged.
/// </summary>
internal static class DashboardAccountView
{
    public static string Render(AccountLookup account, VerdictBoard board)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var html = new HtmlWriter(writer);
        var engine = board.EngineStatus(account.AccountId);
        var enforced = board.Effective(account.AccountId);
        html.Raw("<article class=\"dg-account-card\" data-account-card").Attr("data-account-id", account.AccountId).Raw(">")
            .Raw("<header class=\"dg-campaign-head\"><h3 class=\"dg-mono\">").Text(account.AccountId).Raw("</h3><div class=\"dg-pills\">")
            .Raw("<span").Attr("class", DashboardFragment.VerdictClass(enforced)).Attr("data-enforced", VerdictNames.ToWire(enforced)).Raw(">")
            .Text("enforced: " + VerdictNames.ToWire(enforced)).Raw("</span>")
            .Element("span", "dg-pill", "engine: " + VerdictNames.ToWire(engine?.Verdict ?? Verdict.Allow))
            .Element("span", "dg-pill", "risk " + ReportFormat.Decimal(engine?.Risk ?? account.Finding?.Risk ?? 0))
            .Raw("</div><div class=\"dg-campaign-actions\">");
        DashboardFragment.WriteActions(html, account.AccountId, board);
        html.Raw("</div></header><dl class=\"dg-facts\">");
        Fact(html, "Campaign", account.CampaignId ?? "none");
        Fact(html, "Exchanges", account.Finding is { } finding ? ReportFormat.Count(finding.Exchanges) : "— (counted for flagged accounts)");
        Fact(html, "Created", account.Record?.CreatedAt is { } created ? ReportFormat.Time(created) : "unknown");
        Fact(html, "Active keys", account.Keys.Count(static k => k.RevokedAt is null).ToString(CultureInfo.InvariantCulture));
        html.Raw("</dl>");
        if (board.Standing(account.AccountId) is { } standing)
        {
            html.Raw("<p class=\"dg-note\" data-standing>").Text(AdminEndpoints.StandingDetail(standing)).Raw("</p>");
        }

        if (account.Finding is { Reasons.Count: > 0 } flagged)
        {
            html.Raw("<ul class=\"dg-reasons\">");
            foreach (var reason in flagged.Reasons)
            {
                ReasonView.WriteItem(html, reason);
            }

            html.Raw("</ul>");
        }

        html.Raw("</article>");
        return writer.ToString();
    }

    public static string Missing(string accountId)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        new HtmlWriter(writer).Raw("<p class=\"dg-empty\" data-account-missing>")
            .Text("No account " + accountId + " is known to this gateway: not in its store, its engine or its overrides.").Raw("</p>");
        return writer.ToString();
    }

    private static void Fact(HtmlWriter html, string label, string value) =>
        html.Raw("<div>").Element("dt", null, label).Element("dd", null, value).Raw("</div>");
}
