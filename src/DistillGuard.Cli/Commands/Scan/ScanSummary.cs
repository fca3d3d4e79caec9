using System.Globalization;
using DistillGuard.Core.Findings;
using Spectre.Console;

namespace DistillGuard.Cli.Commands.Scan;

/// <summary>The readable table of campaigns printed after a scan.</summary>
internal static class ScanSummary
{
    private const int MaxRows = 20;

    public static void Write(IAnsiConsole ui, FindingsDocument findings)
    {
        var flagged = findings.Accounts.Count;
        var blocked = findings.Accounts.Count(a => a.Verdict == "block");
        var held = findings.Accounts.Count(static a => a.HeldByConversationalUse());
        var heldNote = held == 0 ? string.Empty : string.Create(CultureInfo.InvariantCulture, $"; {held:N0} held at review by conversational use");
        ui.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{findings.Campaigns.Count} campaigns, {flagged:N0} flagged accounts ({blocked:N0} block{heldNote}) among {findings.Input.Accounts:N0} accounts and {findings.Input.Exchanges:N0} exchanges"));
        if (findings.Campaigns.Count == 0)
        {
            return;
        }

        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumns("campaign", "accounts", "exchanges", "first seen", "detected", "conf.", "top capability");
        foreach (var c in findings.Campaigns.Take(MaxRows))
        {
            table.AddRow(
                Markup.Escape(c.CampaignId),
                c.Accounts.ToString("N0", CultureInfo.InvariantCulture),
                c.Exchanges.ToString("N0", CultureInfo.InvariantCulture),
                c.FirstSeen.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
                c.DetectedAt?.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? "-",
                c.Confidence.ToString("0.00", CultureInfo.InvariantCulture),
                Markup.Escape(string.Join(", ", c.Capabilities.Take(1).Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Key} {p.Value * 100:0}%")))));
        }

        ui.Write(table);
        foreach (var c in findings.Campaigns.Take(MaxRows))
        {
            // Reasons on their own lines: a sentence does not fit a table cell on an 80-column terminal.
            ui.WriteLine($"{c.CampaignId}: {c.Reasons.FirstOrDefault()?.Detail}");
            if (c.RelatedCampaigns is { Count: > 0 } related)
            {
                ui.WriteLine($"  shares with {string.Join(", ", related.Select(static r => $"{r.CampaignId} ({string.Join(", ", r.Shared.Select(static s => s.Describe()))})"))}");
            }
        }

        if (findings.Campaigns.Count > MaxRows)
        {
            ui.WriteLine($"... and {findings.Campaigns.Count - MaxRows} more (see the findings file)");
        }
    }
}
