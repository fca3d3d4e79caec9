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
            Accounts =
            [
                new() { AccountId = "a", Verdict = "review", Reasons = [card, hold] },
                new() { AccountId = "b", Verdict = "review", Reasons = [card, hold] },
                new() { AccountId = "c", Verdict = "block", Reasons = [card] },
            ],
        };
        var output = new StringWriter();

        ScanSummary.Write(new CliConsole(output, new StringWriter(), interactive: false).Ui, findings);

        // The console wraps the line at its width; the words are what matter.
        var text = string.Join(' ', output.ToString().Split((char[])[' ', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("0 campaigns, 3 flagged accounts (1 block; 2 held at review by conversational use) among", text, StringComparison.Ordinal);
    }
}
