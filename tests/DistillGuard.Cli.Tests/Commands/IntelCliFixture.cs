using System.Globalization;
using DistillGuard.Core.Findings;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>A temp folder with a findings file (one campaign) and a small exchange log, for the intel verbs.</summary>
internal sealed class IntelCliFixture : IDisposable
{
    public IntelCliFixture()
    {
        Directory.CreateDirectory(Root);
        var first = new DateTime(2026, 4, 22, 3, 0, 0, DateTimeKind.Utc);
        var findings = new FindingsDocument
        {
            GeneratedAt = new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc),
            Input = new FindingsInput { Exchanges = 30, Accounts = 3, From = first, To = first.AddHours(1) },
            Accounts = [new AccountFinding { AccountId = "acct_a", Risk = 0.9, Verdict = "block", CampaignId = "cmp_0001", Exchanges = 10, Reasons = [new Reason { Signal = "shared_payment", Weight = 0.3, Detail = "payment instrument shared with 2 accounts" }] }],
            Campaigns =
            [
                new CampaignFinding
                {
                    CampaignId = "cmp_0001", Confidence = 0.95, Accounts = 2, AccountIds = ["acct_a", "acct_b"], Exchanges = 20,
                    FirstSeen = first, LastSeen = first.AddHours(1), Capabilities = new() { ["coding"] = 1.0 },
                    Indicators = new CampaignIndicators { Ips = ["203.0.113.7"], IpBlocks = ["203.0.113.0/24"], Asns = [64500], PaymentFingerprints = ["pf_1"], TemplateIds = ["00000000000000ff"] },
                    Templates = [new TemplateSummary { TemplateId = "00000000000000ff", Exchanges = 20, Accounts = 2, Capability = "coding", Example = "Write a function PROMPT-TEXT-MARKER" }],
                    Reasons = [new Reason { Signal = "shared_payment", Weight = 0.3, Detail = "one card, 2 accounts" }],
                },
            ],
        };
        FindingsSerializer.WriteFile(FindingsPath, findings);
        var lines = new List<string>();
        for (var i = 0; i < 30; i++)
        {
            var account = (i % 3) switch { 0 => "acct_a", 1 => "acct_b", _ => "acct_honest" };
            var ts = first.AddMinutes(i).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            lines.Add($$$"""{"ts":"{{{ts}}}","request_id":"r{{{i}}}","account_id":"{{{account}}}","api":"anthropic.messages","request":{"model":"m","max_tokens":64,"messages":[{"role":"user","content":"task {{{i}}}"}]}}""");
        }

        System.IO.File.WriteAllText(LogPath, string.Join('\n', lines) + "\n");
    }

    public string Root { get; } = Path.Combine(Path.GetTempPath(), "dg-cli-intel-" + Guid.NewGuid().ToString("N"));

    public string FindingsPath => Path.Combine(Root, "findings.json");

    public string LogPath => Path.Combine(Root, "log.jsonl");

    public string File(string name) => Path.Combine(Root, name);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }
}
