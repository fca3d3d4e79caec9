using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Gateway.Features.Detection;
using DistillGuard.Reporting.Html;
using DistillGuard.Reporting.Views;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>
/// The part of the dashboard that changes: operator overrides, the accounts refused on their standing, then the scan
/// report's own findings views with an override column. One renderer: the same <see cref="FindingsView"/> the HTML report uses.
/// </summary>
internal static class DashboardFragment
{
    public static string Render(FindingsDocument findings, VerdictBoard board)
    {
        using var writer = new StringWriter(CultureInfo.InvariantCulture);
        var html = new HtmlWriter(writer);
        WriteOverrides(html, board);
        WriteStandings(html, board);
        FindingsView.Write(html, findings, new FindingsViewOptions
        {
            ActionsHeader = "Override",
            WriteActions = (h, account) => WriteActions(h, account.AccountId, board),
            WriteCampaignActions = (h, campaign) => WriteCampaignActions(h, campaign, board),
        });
        return writer.ToString();
    }

    /// <summary>A strong validator of the fragment, so an unchanged dashboard costs a 304.</summary>
    public static string ETag(string fragment) =>
        "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(fragment)).AsSpan(0, 12)) + "\"";

    private static void WriteOverrides(HtmlWriter html, VerdictBoard board)
    {
        var overrides = new List<Store.VerdictOverride>(board.Overrides());
        overrides.Sort(static (a, b) => string.CompareOrdinal(a.AccountId, b.AccountId));
        html.Raw("<section class=\"dg-section\" id=\"overrides\"><h2>Operator overrides <span class=\"dg-count\">")
            .Text(overrides.Count.ToString(CultureInfo.InvariantCulture)).Raw("</span></h2>");
        if (overrides.Count == 0)
        {
            html.Element("p", "dg-empty", "None: every account gets the engine's verdict.").Raw("</section>");
            return;
        }

        html.Raw("<div class=\"dg-table-scroll\"><table class=\"dg-table\" data-overrides><thead><tr><th>Account</th><th>Enforced verdict</th><th>Engine verdict</th><th>Reason</th><th>Set</th><th class=\"dg-actions-col\">Override</th></tr></thead><tbody>");
        foreach (var entry in overrides)
        {
            var engine = board.EngineStatus(entry.AccountId)?.Verdict ?? Verdict.Allow;
            html.Raw("<tr").Attr("data-account-id", entry.AccountId).Raw(">")
                .Element("td", "dg-mono", entry.AccountId)
                .Raw("<td>").Element("span", VerdictClass(entry.Verdict), VerdictNames.ToWire(entry.Verdict)).Raw("</td>")
                .Raw("<td>").Element("span", VerdictClass(engine), VerdictNames.ToWire(engine)).Raw("</td>")
                .Element("td", null, entry.Reason ?? "—")
                .Element("td", null, ReportFormat.Time(entry.CreatedAt))
                .Raw("<td class=\"dg-actions\">");
            WriteActions(html, entry.AccountId, board);
            html.Raw("</td></tr>");
        }

        html.Raw("</tbody></table></div></section>");
    }

    /// <summary>
    /// Young accounts refused before the engine has judged them (replacements on a card whose other holder is enforced):
    /// in no findings yet, so listed here while there are any, with the buttons to allow-list one.
    /// </summary>
    private static void WriteStandings(HtmlWriter html, VerdictBoard board)
    {
        var standings = new List<AccountStanding>(board.Standings());
        if (standings.Count == 0)
        {
            return;
        }

        standings.Sort(static (a, b) => string.CompareOrdinal(a.AccountId, b.AccountId));
        html.Raw("<section class=\"dg-section\" id=\"standings\"><h2>Refused before the engine judged them <span class=\"dg-count\">")
            .Text(standings.Count.ToString(CultureInfo.InvariantCulture)).Raw("</span></h2>")
            .Element("p", "dg-note", "Young accounts on a payment instrument whose other holder is throttled or blocked: likely replacements for banned accounts, refused from their first request until the engine judges their own traffic.")
            .Raw("<div class=\"dg-table-scroll\"><table class=\"dg-table\" data-standings><thead><tr><th>Account</th><th>Enforced verdict</th><th>Young until</th><th class=\"dg-actions-col\">Override</th></tr></thead><tbody>");
        foreach (var standing in standings)
        {
            var enforced = board.Effective(standing.AccountId);
            html.Raw("<tr").Attr("data-account-id", standing.AccountId).Raw(">")
                .Element("td", "dg-mono", standing.AccountId)
                .Raw("<td>").Element("span", VerdictClass(enforced), VerdictNames.ToWire(enforced)).Raw("</td>")
                .Element("td", null, standing.Until is { } until ? ReportFormat.Time(until) : "unknown (no creation date)")
                .Raw("<td class=\"dg-actions\">");
            WriteActions(html, standing.AccountId, board);
            html.Raw("</td></tr>");
        }

        html.Raw("</tbody></table></div></section>");
    }

    /// <summary>The pill class of a verdict, as the report's own tables colour it.</summary>
    internal static string VerdictClass(Verdict verdict) => "dg-verdict dg-verdict-" + VerdictNames.ToWire(verdict);

    internal static void WriteActions(HtmlWriter html, string accountId, VerdictBoard board)
    {
        var manual = board.Override(accountId);
        if (manual is not null)
        {
            html.Raw("<span class=\"dg-override-state\" data-override-state>enforced: <strong>")
                .Text(VerdictNames.ToWire(manual.Verdict)).Raw("</strong> (override)</span>");
        }

        Button(html, accountId, "allow", "Allow", "dg-btn dg-btn-allow", manual?.Verdict == Verdict.Allow);
        Button(html, accountId, "throttle", "Throttle", "dg-btn", manual?.Verdict == Verdict.Throttle);
        Button(html, accountId, "block", "Block", "dg-btn dg-btn-block", manual?.Verdict == Verdict.Block);
        if (manual is not null)
        {
            Button(html, accountId, "clear", "Clear", "dg-btn", current: false);
        }
    }

    /// <summary>
    /// One override for every member at once (the admin API's campaign override): how many members carry one now,
    /// and the buttons; the script asks for confirmation naming the number of accounts.
    /// </summary>
    private static void WriteCampaignActions(HtmlWriter html, CampaignFinding campaign, VerdictBoard board)
    {
        var overridden = 0;
        Verdict? everyMember = null;
        foreach (var accountId in campaign.AccountIds)
        {
            if (board.Override(accountId) is { } manual)
            {
                everyMember = overridden == 0 || everyMember == manual.Verdict ? manual.Verdict : null;
                overridden++;
            }
        }

        // The verdict every member already carries by hand has nothing left to do.
        var current = overridden == campaign.AccountIds.Count ? everyMember : null;

        var members = campaign.AccountIds.Count.ToString(CultureInfo.InvariantCulture);
        html.Raw("<span class=\"dg-override-state\" data-campaign-override-state>")
            .Text(overridden == 0 ? "no overrides: the engine decides" : $"{overridden.ToString(CultureInfo.InvariantCulture)} of {members} accounts overridden")
            .Raw("</span>");
        CampaignButton(html, campaign.CampaignId, members, "allow", "Allow all", "dg-btn dg-btn-allow", current == Verdict.Allow);
        CampaignButton(html, campaign.CampaignId, members, "throttle", "Throttle all", "dg-btn", current == Verdict.Throttle);
        CampaignButton(html, campaign.CampaignId, members, "block", "Block all", "dg-btn dg-btn-block", current == Verdict.Block);
        if (overridden > 0)
        {
            CampaignButton(html, campaign.CampaignId, members, "clear", "Clear overrides", "dg-btn", current: false);
        }
    }

    private static void CampaignButton(HtmlWriter html, string campaignId, string members, string verdict, string label, string cssClass, bool current) =>
        EndButton(
            html.Raw("<button type=\"button\"").Attr("data-campaign-override", verdict).Attr("data-campaign", campaignId).Attr("data-members", members),
            cssClass,
            verdict == "clear" ? "Remove the overrides of this campaign's accounts: the engine decides again" : "Override the engine: " + verdict + " every account of this campaign",
            label,
            current);

    private static void Button(HtmlWriter html, string accountId, string verdict, string label, string cssClass, bool current) =>
        EndButton(
            html.Raw("<button type=\"button\"").Attr("data-override", verdict).Attr("data-account", accountId),
            cssClass,
            verdict == "clear" ? "Remove the override: the engine decides again" : "Override the engine: " + verdict + " this account",
            label,
            current);

    /// <summary>Ends a button opened with its data attributes; one that would change nothing (<paramref name="current"/>) is disabled.</summary>
    private static void EndButton(HtmlWriter opened, string cssClass, string title, string label, bool current)
    {
        opened.Attr("class", cssClass).Attr("title", title);
        if (current)
        {
            opened.Raw(" disabled");
        }

        opened.Raw(">").Text(label).Raw("</button>");
    }
}
