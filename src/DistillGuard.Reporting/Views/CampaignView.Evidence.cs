using DistillGuard.Core.Findings;
using DistillGuard.Reporting.Html;

namespace DistillGuard.Reporting.Views;

/// <summary>The evidence tables of a campaign: templates, infrastructure, member accounts.</summary>
internal static partial class CampaignView
{
    private const int TopTemplates = 10;
    private const int TopInfrastructureRows = 15;
    private const int ExampleChars = 600;

    private static void WriteTemplates(HtmlWriter html, List<TemplateSummary>? templates)
    {
        html.Raw("<div class=\"dg-block\"><h4>Top prompt templates</h4>");
        if (templates is not { Count: > 0 })
        {
            html.Element("p", "dg-empty", "No template summary in this findings document.").Raw("</div>");
            return;
        }

        var ranked = new List<TemplateSummary>(templates);
        ranked.Sort(static (a, b) => b.Exchanges != a.Exchanges ? b.Exchanges.CompareTo(a.Exchanges) : string.CompareOrdinal(a.TemplateId, b.TemplateId));
        html.Raw("<table class=\"dg-table dg-templates\"><thead><tr><th>Template</th><th>Capability</th><th class=\"dg-num\">Exchanges</th><th class=\"dg-num\">Accounts</th><th>Example prompt</th></tr></thead><tbody>");
        for (var i = 0; i < ranked.Count && i < TopTemplates; i++)
        {
            var template = ranked[i];
            html.Raw("<tr>").Element("td", "dg-mono", template.TemplateId)
                .Element("td", null, ReportFormat.Label(template.Capability))
                .Element("td", "dg-num", ReportFormat.Count(template.Exchanges))
                .Element("td", "dg-num", ReportFormat.Count(template.Accounts))
                .Raw("<td>");
            if (template.Example is { Length: > 0 } example)
            {
                // The prompt is attacker-written text: escaped, shown as a quotation, never as markup.
                html.Element("blockquote", "dg-example", Truncate(example));
            }
            else
            {
                html.Element("span", "dg-empty", "no example");
            }

            html.Raw("</td></tr>");
        }

        html.Raw("</tbody></table>");
        if (ranked.Count > TopTemplates)
        {
            html.Element("p", "dg-note", $"{ReportFormat.Count(ranked.Count - TopTemplates)} more templates not shown.");
        }

        html.Raw("</div>");
    }

    private static void WriteInfrastructure(HtmlWriter html, CampaignFinding campaign)
    {
        html.Raw("<div class=\"dg-block\"><h4>Infrastructure</h4>");
        var infrastructure = campaign.Infrastructure;
        if (infrastructure is null)
        {
            WriteIndicatorsOnly(html, campaign.Indicators);
            html.Raw("</div>");
            return;
        }

        html.Raw("<div class=\"dg-infra\">");
        html.Raw("<table class=\"dg-table\"><caption>Networks (ASN)</caption><thead><tr><th>ASN</th><th>Organisation</th><th>Type</th><th class=\"dg-num\">Exchanges</th></tr></thead><tbody>");
        var asns = new List<AsnSummary>(infrastructure.Asns);
        asns.Sort(static (a, b) => b.Exchanges != a.Exchanges ? b.Exchanges.CompareTo(a.Exchanges) : a.Asn.CompareTo(b.Asn));
        for (var i = 0; i < asns.Count && i < TopInfrastructureRows; i++)
        {
            var asn = asns[i];
            html.Raw("<tr>").Element("td", "dg-mono", "AS" + asn.Asn.ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Element("td", null, asn.Org ?? "—")
                .Raw("<td>").Element("span", asn.Type is "hosting" or "proxy" ? "dg-tag dg-tag-warn" : "dg-tag", asn.Type).Raw("</td>")
                .Element("td", "dg-num", ReportFormat.Count(asn.Exchanges)).Raw("</tr>");
        }

        html.Raw("</tbody></table>");
        html.Raw("<table class=\"dg-table\"><caption>Countries</caption><thead><tr><th>Country</th><th class=\"dg-num\">Exchanges</th></tr></thead><tbody>");
        var countries = ReportFormat.Ranked(infrastructure.Countries);
        for (var i = 0; i < countries.Count && i < TopInfrastructureRows; i++)
        {
            html.Raw("<tr>").Element("td", "dg-mono", countries[i].Key).Element("td", "dg-num", ReportFormat.Count(countries[i].Value)).Raw("</tr>");
        }

        html.Raw("</tbody></table>");
        html.Raw("<table class=\"dg-table\"><caption>IP blocks</caption><thead><tr><th>Block</th><th class=\"dg-num\">Exchanges</th><th class=\"dg-num\">Accounts</th></tr></thead><tbody>");
        var blocks = new List<IpBlockSummary>(infrastructure.IpBlocks);
        blocks.Sort(static (a, b) => b.Exchanges != a.Exchanges ? b.Exchanges.CompareTo(a.Exchanges) : string.CompareOrdinal(a.Block, b.Block));
        for (var i = 0; i < blocks.Count && i < TopInfrastructureRows; i++)
        {
            html.Raw("<tr>").Element("td", "dg-mono", blocks[i].Block)
                .Element("td", "dg-num", ReportFormat.Count(blocks[i].Exchanges))
                .Element("td", "dg-num", ReportFormat.Count(blocks[i].Accounts)).Raw("</tr>");
        }

        html.Raw("</tbody></table></div>");
        if (asns.Count > TopInfrastructureRows || countries.Count > TopInfrastructureRows || blocks.Count > TopInfrastructureRows)
        {
            html.Element("p", "dg-note", $"Largest {TopInfrastructureRows} of each shown ({asns.Count} networks, {countries.Count} countries, {blocks.Count} IP blocks in all).");
        }

        html.Raw("</div>");
    }

    /// <summary>Other campaigns this one shares a template, IP block or client fingerprint with (absent when none).</summary>
    private static void WriteRelated(HtmlWriter html, CampaignFinding campaign)
    {
        if (campaign.RelatedCampaigns is not { Count: > 0 } related)
        {
            return;
        }

        html.Raw("<div class=\"dg-block dg-related\"><h4>Shared with other campaigns</h4>")
            .Element("p", "dg-note", "Operators kept apart that meet on one proxy network, prompt set or client build: worth a look together.")
            .Raw("<table class=\"dg-table\"><thead><tr><th>Campaign</th><th>Kind</th><th>Shared</th></tr></thead><tbody>");
        foreach (var other in related)
        {
            foreach (var shared in other.Shared)
            {
                html.Raw("<tr><td><a").Attr("href", "#campaign-" + other.CampaignId).Raw(">").Text(other.CampaignId).Raw("</a></td>")
                    .Element("td", null, GraphKinds.Label(shared.Kind))
                    .Element("td", "dg-mono", shared.Value).Raw("</tr>");
            }
        }

        html.Raw("</tbody></table></div>");
    }

    private static void WriteIndicatorsOnly(HtmlWriter html, CampaignIndicators indicators)
    {
        // Older or minimal findings: the spec's indicator lists are still worth showing.
        html.Raw("<dl class=\"dg-facts\">");
        Fact(html, "ASNs", indicators.Asns.Count == 0 ? "—" : string.Join(", ", indicators.Asns.ConvertAll(static a => "AS" + a.ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Fact(html, "IP blocks", indicators.IpBlocks is { Count: > 0 } b ? string.Join(", ", b) : "—");
        Fact(html, "IPs", indicators.Ips.Count == 0 ? "—" : ReportFormat.Count(indicators.Ips.Count));
        Fact(html, "Payment fingerprints", indicators.PaymentFingerprints.Count == 0 ? "—" : ReportFormat.Count(indicators.PaymentFingerprints.Count));
        html.Raw("</dl>");
    }

    private static void WriteMembers(HtmlWriter html, CampaignFinding campaign)
    {
        html.Raw("<details class=\"dg-block dg-members\"><summary>Member accounts (")
            .Text(ReportFormat.Count(campaign.AccountIds.Count)).Raw(")</summary><ul class=\"dg-chips\">");
        foreach (var id in campaign.AccountIds)
        {
            html.Raw("<li><a").Attr("href", "#account-" + id).Raw(">").Text(id).Raw("</a></li>");
        }

        html.Raw("</ul></details>");
    }

    private static string Truncate(string text) =>
        text.Length <= ExampleChars ? text : string.Concat(text.AsSpan(0, ExampleChars), "…");
}
