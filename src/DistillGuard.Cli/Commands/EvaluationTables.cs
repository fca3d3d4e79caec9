using System.Globalization;
using DistillGuard.Simulation.Evaluation;
using Spectre.Console;

namespace DistillGuard.Cli.Commands;

/// <summary>Renders an <see cref="EvaluationReport"/> as terminal tables.</summary>
internal static class EvaluationTables
{
    public static void Write(IAnsiConsole ui, EvaluationReport report)
    {
        ui.MarkupLine($"[bold]Scenario[/] {Markup.Escape(report.Scenario)}: {report.Accounts:N0} accounts seen ({report.CampaignAccounts:N0} campaign, {report.HonestAccounts:N0} honest){(report.UnknownAccounts > 0 ? $", {report.UnknownAccounts:N0} flagged accounts not in the truth file" : string.Empty)}");

        var overall = new Table().Title("Accounts").AddColumns("detector", "level", "precision", "recall", "FPR", "TP", "FP", "FN");
        AddOverall(overall, report.Findings);
        if (report.Baseline is { } baseline)
        {
            AddOverall(overall, baseline);
        }

        ui.Write(overall);

        // "enforced" is the verdict at the end; "ever enforced" and the exchanges sent meanwhile are what it cost them.
        var archetypes = new Table().Title("False positives per honest archetype")
            .AddColumns("archetype", "accounts", "flagged", "enforced", "ever enforced");
        if (report.Baseline is not null)
        {
            archetypes.AddColumns("exchanges while enforced", "quota tripped", "quota refused");
        }

        foreach (var a in report.Findings.Archetypes)
        {
            var row = new List<string> { a.Name, N(a.Accounts), Rate(a.Flagged, a.FlaggedRate), Rate(a.Enforced, a.EnforcedRate), Rate(a.EverEnforced, a.EverEnforcedRate) };
            if (report.Baseline?.Archetypes.Find(b => b.Name == a.Name) is { } b)
            {
                row.AddRange([Share(a.ExchangesWhileEnforced, a.Exchanges), Rate(b.Flagged, b.FlaggedRate), Share(b.ExchangesWhileEnforced, b.Exchanges)]);
            }

            archetypes.AddRow(row.Select(Markup.Escape).ToArray());
        }

        ui.Write(archetypes);

        var campaigns = new Table().Title("Campaigns").AddColumns("campaign", "accounts", "exchanges", "recall", "enforced", "found as", "hours to detect", "leakage");
        if (report.Baseline is not null)
        {
            campaigns.AddColumns("quota recall", "quota hours", "quota served");
        }

        foreach (var c in report.Findings.Campaigns)
        {
            var row = new List<string>
            {
                c.Name, c.Accounts.ToString("N0", CultureInfo.InvariantCulture), c.Exchanges.ToString("N0", CultureInfo.InvariantCulture),
                Pct(c.Recall), Pct(c.EnforcedRecall), FoundAs(c), c.HoursToDetect?.ToString("0.0", CultureInfo.InvariantCulture) ?? "not detected", c.Leakage is { } l ? Pct(l) : "-",
            };
            if (report.Baseline?.Campaigns.Find(b => b.Name == c.Name) is { } b)
            {
                row.AddRange([Pct(b.Recall), b.HoursToDetect?.ToString("0.0", CultureInfo.InvariantCulture) ?? "never", b.Leakage is { } bl ? Pct(bl) : "-"]);
            }

            campaigns.AddRow(row.Select(Markup.Escape).ToArray());
        }

        ui.Write(campaigns);
        var findings = report.Findings;
        ui.MarkupLine(Markup.Escape($"Findings campaigns: {N(findings.FindingsCampaigns)}. Holding accounts of more than one true campaign: {Ids(findings.MixedCampaignIds)}. "
            + $"Not mostly one true campaign's accounts (mostly honest, or no campaign holds a majority): {Ids(findings.UnmatchedCampaignIds)}."));
        if (report.DailyQuota is { } quota)
        {
            ui.MarkupLine($"Baseline: a per-account quota of {quota:N0} exchanges per UTC day; 'quota served' is the share of campaign exchanges it would still have served.");
        }

        if (report.HonestExposure is { } exposure)
        {
            WriteExposure(ui, exposure);
        }
    }

    /// <summary>How close honest accounts came to review: per archetype, and the riskiest few.</summary>
    private static void WriteExposure(IAnsiConsole ui, HonestExposure exposure)
    {
        var near = (exposure.ReviewRisk - exposure.NearMargin).ToString("0.0#", CultureInfo.InvariantCulture);
        var archetypes = new Table().Title($"Honest accounts' risk (review at {exposure.ReviewRisk.ToString("0.0#", CultureInfo.InvariantCulture)})")
            .AddColumns("archetype", "accounts", "highest risk", $"at or above {near}");
        foreach (var a in exposure.Archetypes)
        {
            archetypes.AddRow(Markup.Escape(a.Name), N(a.Accounts), Risk(a.MaxRisk), N(a.NearReview));
        }

        ui.Write(archetypes);
        var nearest = new Table().Title("Riskiest honest accounts").AddColumns("account", "archetype", "risk", "exchanges", "linked group");
        foreach (var a in exposure.Nearest)
        {
            nearest.AddRow(Markup.Escape(a.AccountId), Markup.Escape(a.Archetype), Risk(a.Risk), N(a.Exchanges), a.ClusterAccounts > 1 ? N(a.ClusterAccounts) : "none");
        }

        ui.Write(nearest);
    }

    private static string Risk(double value) => value.ToString("0.000", CultureInfo.InvariantCulture);

    /// <summary>
    /// How many findings campaigns the campaign came out as (when in pieces, how many of its accounts the largest
    /// holds) and which other campaigns share one with it.
    /// </summary>
    private static string FoundAs(CampaignScore c)
    {
        var own = c.MatchedCampaignIds.Count switch
        {
            0 => c.MixedWith.Count == 0 ? "no campaign" : "none of its own",
            1 => "1 campaign",
            var n => $"{N(n)} (largest: {N(c.LargestMatchAccounts)})",
        };
        return c.MixedWith.Count == 0 ? own : $"{own}, mixed with {string.Join(", ", c.MixedWith)}";
    }

    private static string Ids(List<string> ids) => ids.Count == 0 ? "0" : $"{N(ids.Count)} ({string.Join(", ", ids)})";

    private static void AddOverall(Table table, DetectorScore score)
    {
        table.AddRow(Markup.Escape(score.Detector), "flagged", Pct(score.Flagged.Precision), Pct(score.Flagged.Recall), Pct(score.Flagged.FalsePositiveRate), N(score.Flagged.TruePositives), N(score.Flagged.FalsePositives), N(score.Flagged.FalseNegatives));
        table.AddRow(Markup.Escape(score.Detector), "enforced", Pct(score.Enforced.Precision), Pct(score.Enforced.Recall), Pct(score.Enforced.FalsePositiveRate), N(score.Enforced.TruePositives), N(score.Enforced.FalsePositives), N(score.Enforced.FalseNegatives));
    }

    private static string Pct(double value) => (value * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";

    private static string Rate(int count, double rate) => $"{count.ToString("N0", CultureInfo.InvariantCulture)} ({Pct(rate)})";

    private static string N(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    /// <summary>"12 (0.3%)": a count of exchanges and its share of <paramref name="total"/>.</summary>
    private static string Share(long? count, long total) => count is { } n
        ? $"{n.ToString("N0", CultureInfo.InvariantCulture)} ({Pct(total == 0 ? 0 : (double)n / total)})"
        : "-";
}
