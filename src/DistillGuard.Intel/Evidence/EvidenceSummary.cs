using System.Globalization;
using System.Text;
using DistillGuard.Core.Findings;

namespace DistillGuard.Intel.Evidence;

/// <summary><c>summary.md</c>: the case in words for a reader without our tools.</summary>
internal static class EvidenceSummary
{
    private const int AccountsListed = 50;

    public static string Markdown(FindingsDocument findings, CampaignFinding campaign, List<AccountFinding> members, long campaignExchangesInLogs, int sampled)
    {
        var text = new StringBuilder();
        var c = CultureInfo.InvariantCulture;
        text.Append(c, $"# Distillation campaign {campaign.CampaignId}\n\n");
        text.Append(c, $"- Confidence: {campaign.Confidence:0.00}\n");
        text.Append(c, $"- Accounts: {campaign.Accounts}\n");
        text.Append(c, $"- Exchanges: {campaign.Exchanges}\n");
        text.Append(c, $"- First seen: {Time(campaign.FirstSeen)}\n");
        text.Append(c, $"- Last seen: {Time(campaign.LastSeen)}\n");
        if (campaign.DetectedAt is { } detected)
        {
            text.Append(c, $"- Detected at (log time): {Time(detected)}\n");
        }

        text.Append(c, $"- Chain-of-thought elicitation: {Percent(campaign.CotElicitationRate)}\n");
        var capabilities = campaign.Capabilities.Where(p => p.Value >= 0.005).Select(p => $"{p.Key} {Percent(p.Value)}").ToList();
        if (capabilities.Count > 0)
        {
            text.Append("- Targeted capabilities: ").AppendJoin(", ", capabilities).Append('\n');
        }

        text.Append(c, $"- Findings generated at {Time(findings.GeneratedAt)} over {findings.Input.Exchanges} exchanges");
        if (findings.Input.From is { } from && findings.Input.To is { } to)
        {
            text.Append(c, $" from {Time(from)} to {Time(to)}");
        }

        text.Append("\n\n## Reasons\n\n");
        foreach (var reason in campaign.Reasons)
        {
            text.Append(c, $"- **{reason.Signal}** (weight {reason.Weight:0.00}): {reason.Detail}\n");
        }

        if (campaign.Reasons.Count == 0)
        {
            text.Append("(the findings give no campaign-level reasons; see the accounts below)\n");
        }

        AppendIndicators(text, campaign.Indicators);
        text.Append(c, $"\n## Accounts ({members.Count} flagged of {campaign.Accounts})\n\n");
        text.Append("| account | verdict | risk | exchanges | first flagged | reasons |\n|---|---|---|---|---|---|\n");
        foreach (var account in members.Take(AccountsListed))
        {
            var reasons = string.Join("; ", account.Reasons.Select(r => r.Signal + ": " + r.Detail)).Replace("|", "\\|", StringComparison.Ordinal);
            text.Append(c, $"| {account.AccountId} | {account.Verdict} | {account.Risk:0.00} | {account.Exchanges} | {(account.FirstFlaggedAt is { } f ? Time(f) : "-")} | {reasons} |\n");
        }

        if (members.Count > AccountsListed)
        {
            text.Append(c, $"\n{members.Count - AccountsListed} more accounts are in campaign.json.\n");
        }

        text.Append(c, $"\n## Exchanges\n\nexchanges.jsonl holds {sampled} of the {campaignExchangesInLogs} exchanges of these accounts found in the logs, ");
        text.Append("copied verbatim from the log files and chosen by a hash of (account, time, request id) so the choice is reproducible.\n");
        text.Append("\n## Checking this pack\n\nmanifest.json lists the SHA-256 of every file; manifest.sig is an ECDSA P-256 signature over manifest.json ");
        text.Append("(DER, SHA-256) by the key in public-key.pem. Check with `distillguard evidence verify case.zip --key KEY.pem`, or with OpenSSL: ");
        text.Append("`openssl dgst -sha256 -verify public-key.pem -signature manifest.sig manifest.json` and `sha256sum` of each file.\n");
        return text.ToString();
    }

    private static void AppendIndicators(StringBuilder text, CampaignIndicators indicators)
    {
        text.Append("\n## Indicators\n\n");
        List(text, "IP blocks", indicators.IpBlocks ?? []);
        List(text, "IP addresses", indicators.Ips);
        List(text, "Autonomous systems", indicators.Asns.Select(a => "AS" + a.ToString(CultureInfo.InvariantCulture)).ToList());
        List(text, "Payment fingerprints", indicators.PaymentFingerprints);
        List(text, "Prompt templates", indicators.TemplateIds);
        List(text, "Client fingerprints (user agent | TLS)", indicators.ClientFingerprints ?? []);
        List(text, "E-mail domains", indicators.EmailDomains ?? []);
    }

    private static void List(StringBuilder text, string title, IReadOnlyList<string> values)
    {
        if (values.Count > 0)
        {
            text.Append(CultureInfo.InvariantCulture, $"- {title} ({values.Count}): ").AppendJoin(", ", values.Take(20)).Append(values.Count > 20 ? ", ..." : string.Empty).Append('\n');
        }
    }

    private static string Percent(double share) => (share * 100).ToString("0", CultureInfo.InvariantCulture) + "%";

    private static string Time(DateTime value) => value.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);
}
