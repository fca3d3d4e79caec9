using System.Globalization;
using DistillGuard.Core.Findings;
using DistillGuard.Reporting.Html;

namespace DistillGuard.Reporting.Views;

/// <summary>
/// The flagged accounts: one row each, sortable by any column and searchable (report.js). Rows come sorted by
/// risk, highest first, so the printed report reads in priority order too.
/// </summary>
internal static class AccountsTableView
{
    private const int VisibleReasons = 3;

    public static void Write(HtmlWriter html, FindingsDocument findings, FindingsViewOptions options)
    {
        var accounts = new List<AccountFinding>(findings.Accounts);
        accounts.Sort(static (a, b) => b.Risk != a.Risk ? b.Risk.CompareTo(a.Risk) : string.CompareOrdinal(a.AccountId, b.AccountId));

        html.Raw("<section class=\"dg-section\" id=\"accounts\"><h2>Flagged accounts <span class=\"dg-count\">")
            .Text(ReportFormat.Count(accounts.Count)).Raw("</span></h2>");
        html.Raw("<div class=\"dg-table-tools\"><label class=\"dg-search\">Search <input type=\"search\" data-table-search=\"accounts\" placeholder=\"account, campaign, verdict, reason…\" autocomplete=\"off\"></label><span class=\"dg-table-status\" data-table-status=\"accounts\"></span></div>");
        html.Raw("<div class=\"dg-table-scroll\"><table class=\"dg-table dg-accounts\" data-table=\"accounts\"><thead><tr>")
            .Raw("<th data-sort=\"text\" scope=\"col\">Account</th>")
            .Raw("<th data-sort=\"number\" scope=\"col\">Verdict</th>")
            .Raw("<th data-sort=\"number\" scope=\"col\" class=\"dg-num\" aria-sort=\"descending\">Risk</th>")
            .Raw("<th data-sort=\"text\" scope=\"col\">Campaign</th>")
            .Raw("<th data-sort=\"number\" scope=\"col\" class=\"dg-num\">Exchanges</th>")
            .Raw("<th data-sort=\"text\" scope=\"col\">First flagged</th>")
            .Raw("<th scope=\"col\">Reasons</th>");
        if (options.WriteActions is not null)
        {
            html.Raw("<th scope=\"col\" class=\"dg-actions-col\">").Text(options.ActionsHeader ?? "Actions").Raw("</th>");
        }

        html.Raw("</tr></thead><tbody>");
        foreach (var account in accounts)
        {
            WriteRow(html, account, options);
        }

        html.Raw("</tbody></table></div>");
        if (accounts.Count == 0)
        {
            html.Element("p", "dg-empty", "No account is flagged.");
        }

        html.Raw("</section>");
    }

    /// <summary>
    /// Under the first flag: when enforcement began and whether it lapsed later (a gateway served the account again
    /// meanwhile), for findings that carry them.
    /// </summary>
    private static void WriteEnforcement(HtmlWriter html, AccountFinding account)
    {
        if (account.FirstEnforcedAt is { } enforced)
        {
            html.Raw("<span class=\"dg-when\" data-enforced-at>").Text("enforced " + ReportFormat.Time(enforced)).Raw("</span>");
        }

        if (account.Lapses is { Count: > 0 } lapses)
        {
            var first = $"from {ReportFormat.Time(lapses[0].From)} to {(lapses[0].To is { } to ? ReportFormat.Time(to) : "the end")}";
            html.Raw("<span class=\"dg-when dg-lapsed\" data-lapses>")
                .Text(lapses.Count == 1 ? "lapsed " + first : $"lapsed {lapses.Count.ToString(CultureInfo.InvariantCulture)} times, first {first}")
                .Raw("</span>");
        }
    }

    private static void WriteRow(HtmlWriter html, AccountFinding account, FindingsViewOptions options)
    {
        html.Raw("<tr").Attr("id", "account-" + account.AccountId).Attr("data-account-id", account.AccountId).Raw(">");
        html.Raw("<td class=\"dg-mono\"").Attr("data-value", account.AccountId).Raw(">").Text(account.AccountId).Raw("</td>");
        html.Raw("<td").Attr("data-value", VerdictRank(account.Verdict).ToString(CultureInfo.InvariantCulture)).Raw(">")
            .Element("span", "dg-verdict dg-verdict-" + VerdictClass(account.Verdict), account.Verdict).Raw("</td>");
        html.Raw("<td class=\"dg-num\"").Attr("data-value", ReportFormat.Number(account.Risk)).Raw(">").Text(ReportFormat.Decimal(account.Risk)).Raw("</td>");
        html.Raw("<td class=\"dg-mono\"").Attr("data-value", account.CampaignId ?? string.Empty).Raw(">");
        if (account.CampaignId is { } campaign)
        {
            html.Raw("<a").Attr("href", "#campaign-" + campaign).Raw(">").Text(campaign).Raw("</a>");
        }
        else
        {
            html.Raw("—");
        }

        html.Raw("</td><td class=\"dg-num\"").Attr("data-value", account.Exchanges.ToString(CultureInfo.InvariantCulture)).Raw(">").Text(ReportFormat.Count(account.Exchanges)).Raw("</td>");
        html.Raw("<td").Attr("data-value", account.FirstFlaggedAt is { } t ? ReportFormat.IsoTime(t) : string.Empty).Raw(">").Text(ReportFormat.Time(account.FirstFlaggedAt));
        WriteEnforcement(html, account);
        html.Raw("</td>");
        // The strongest reasons first; the rest fold away so one account does not fill the screen. A hold (weight 0)
        // leads: it says why the verdict stops where it does, which an analyst must not have to unfold.
        var reasons = new List<Reason>(account.Reasons);
        reasons.Sort(static (a, b) => b.Weight.CompareTo(a.Weight));
        var hold = reasons.FindIndex(static r => r.Signal == SignalNames.ConversationalUse);
        if (hold > 0)
        {
            var held = reasons[hold];
            reasons.RemoveAt(hold);
            reasons.Insert(0, held);
        }

        html.Raw("<td><ul class=\"dg-reasons dg-reasons-compact\">");
        for (var i = 0; i < reasons.Count && i < VisibleReasons; i++)
        {
            ReasonView.WriteItem(html, reasons[i]);
        }

        html.Raw("</ul>");
        if (reasons.Count > VisibleReasons)
        {
            html.Raw("<details class=\"dg-more\"><summary>").Text($"{reasons.Count - VisibleReasons} more").Raw("</summary><ul class=\"dg-reasons dg-reasons-compact\">");
            for (var i = VisibleReasons; i < reasons.Count; i++)
            {
                ReasonView.WriteItem(html, reasons[i]);
            }

            html.Raw("</ul></details>");
        }

        html.Raw("</td>");
        if (options.WriteActions is { } actions)
        {
            html.Raw("<td class=\"dg-actions\">");
            actions(html, account);
            html.Raw("</td>");
        }

        html.Raw("</tr>");
    }

    /// <summary>Sorting by verdict means by severity, not alphabetically.</summary>
    public static int VerdictRank(string verdict) => verdict switch
    {
        "block" => 3,
        "throttle" => 2,
        "review" => 1,
        _ => 0,
    };

    private static string VerdictClass(string verdict) => VerdictRank(verdict) > 0 ? verdict : "other";
}
