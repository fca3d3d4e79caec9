using DistillGuard.Cli.Commands.Scan;
using DistillGuard.Core.Findings;

namespace DistillGuard.Cli.Tests.Commands;

public sealed class ScanSummaryTests
{
    [Fact]
    public void Write_RelatedCampaigns_NamesEachOtherAndWhatTheyShare()
    {
        SharedIndicator block = new() { Kind = "ip_block", Value = "203.0.113.0/24" };
        var findings = new FindingsDocument
        {
            Campaigns =
            [
                new() { CampaignId = "cmp_a", Accounts = 5, RelatedCampaigns = [new() { CampaignId = "cmp_b", Shared = [block] }] },
                new() { CampaignId = "cmp_b", Accounts = 4, RelatedCampaigns = [new() { CampaignId = "cmp_a", Shared = [block] }] },
                new() { CampaignId = "cmp_c", Accounts = 3 },
            ],
        };
        var output = new StringWriter();

        ScanSummary.Write(new CliConsole(output, new StringWriter(), interactive: false).Ui, findings);

        var text = output.ToString();
        Assert.Contains("  shares with cmp_b (ip block 203.0.113.0/24)", text, StringComparison.Ordinal);
        Assert.Contains("  shares with cmp_a (ip block 203.0.113.0/24)", text, StringComparison.Ordinal);
        Assert.Equal(2, text.Split("shares with").Length - 1);
    }

    [Fact]
    public void Write_AccountsHeldAtReview_CountsThemInTheHeadline()
    {
        Reason hold = new() { Signal = SignalNames.ConversationalUse, Weight = 0, Detail = "held at review" };
        Reason card = new() { Signal = SignalNames.SharedPayment, Weight = 1, Detail = "card" };
        var findings = new FindingsDocument
        {
            Input = new() { Accounts = 3_161, Exchanges = 436_534 },
            Accounts =
            [
                new() { AccountId = "a", Verdict = "review", Reasons = [card, hold] },
                new() { AccountId = "b", Verdict = "review", Reasons = [card, hold] },
                new() { AccountId = "c", Verdict = "block", Reasons = [card] },
            ],
        };
        var output = new StringWriter();

        ScanSummary.Write(new CliConsole(output, new StringWriter(), interactive: false).Ui, findings);

        Assert.StartsWith("0 campaigns, 3 flagged accounts (1 block; 2 held at review by conversational use) among 3,161 accounts and 436,534 exchanges\n", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_PipedOrCaptured_EachCampaignsRowAndReasonOnOneLine()
    {
        // Redirected output has no terminal width; at Spectre's assumed 80 columns the table wrapped ids and dates
        // mid-word and the reason sentence across lines, as the README's demo showed in a log.
        const string reason = "payment instrument pf_02bba3e47ac8 shared with 8 accounts (200 linked accounts in this cluster)";
        var findings = new FindingsDocument
        {
            Campaigns =
            [
                new()
                {
                    CampaignId = "cmp_bf4df102", Accounts = 200, Exchanges = 57_575, Confidence = 0.95,
                    FirstSeen = new DateTime(2026, 2, 3, 0, 0, 0, DateTimeKind.Utc), DetectedAt = new DateTime(2026, 2, 3, 1, 0, 0, DateTimeKind.Utc),
                    Capabilities = new() { ["agentic_tool_use"] = 0.36 },
                    Reasons = [new() { Signal = SignalNames.SharedPayment, Weight = 1, Detail = reason }],
                },
            ],
        };
        var output = new StringWriter();

        ScanSummary.Write(new CliConsole(output, new StringWriter(), interactive: false).Ui, findings);

        var lines = output.ToString().Split('\n').Select(static l => l.TrimEnd('\r')).ToList();
        var row = Assert.Single(lines, l => l.Contains("cmp_bf4df102 │", StringComparison.Ordinal));
        Assert.Contains("│ 200 ", row, StringComparison.Ordinal);
        Assert.Contains("│ 2026-02-03 00:00 │ 2026-02-03 01:00 │", row, StringComparison.Ordinal);
        Assert.Contains("│ agentic_tool_use 36% ", row, StringComparison.Ordinal);
        Assert.Contains("cmp_bf4df102: " + reason, lines);
    }
}
