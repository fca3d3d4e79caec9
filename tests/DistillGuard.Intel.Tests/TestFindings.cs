using DistillGuard.Core.Findings;

namespace DistillGuard.Intel.Tests;

/// <summary>A findings document with one fully described campaign, as the engine writes them.</summary>
internal static class TestFindings
{
    public static readonly DateTime FirstSeen = new(2026, 4, 22, 3, 14, 7, DateTimeKind.Utc);
    public static readonly DateTime LastSeen = new(2026, 6, 5, 22, 10, 0, DateTimeKind.Utc);
    public const ulong TemplateId = 0x9c1e_44aa_0123_beefUL;
    public const string UserAgent = "python-httpx/0.27.0";
    public const string Tls = "t13d1516h2_8daaf6152771_02713d6af862";
    public const string SecretPrompt = "Solve the following problem. Think step by step: CUSTOMER-SECRET-42";

    public static FindingsDocument Create() => new()
    {
        GeneratedAt = new DateTime(2026, 11, 23, 1, 0, 0, DateTimeKind.Utc),
        Input = new FindingsInput { Exchanges = 5000, Accounts = 300, From = FirstSeen, To = LastSeen },
        Accounts =
        [
            new AccountFinding
            {
                AccountId = "acct_7f3a", Risk = 0.97, Verdict = "block", CampaignId = "cmp_0001", Exchanges = 1843,
                FirstFlaggedAt = FirstSeen.AddHours(6),
                Reasons = [new Reason { Signal = "shared_payment", Weight = 0.31, Detail = "payment instrument shared with 211 accounts" }],
            },
        ],
        Campaigns = [Campaign()],
    };

    public static CampaignFinding Campaign() => new()
    {
        CampaignId = "cmp_0001",
        Confidence = 0.9,
        Accounts = 211,
        AccountIds = ["acct_7f3a", "acct_7f3b"],
        Exchanges = 131_022,
        FirstSeen = FirstSeen,
        LastSeen = LastSeen,
        DetectedAt = FirstSeen.AddHours(6),
        Capabilities = new() { ["coding"] = 0.58, ["agentic_tool_use"] = 0.31, ["reasoning"] = 0.11 },
        CotElicitationRate = 0.64,
        Indicators = new CampaignIndicators
        {
            Ips = ["203.0.113.7", "198.51.100.23", "2001:db8:5::17"],
            IpBlocks = ["203.0.113.0/24", "2001:db8:5::/48"],
            Asns = [64500, 64511],
            PaymentFingerprints = ["pf_9c1e", "pf_0a17"],
            TemplateIds = ["tpl_" + TemplateId.ToString("x16", System.Globalization.CultureInfo.InvariantCulture)],
            ClientFingerprints = [UserAgent + "|" + Tls],
            EmailDomains = ["mail51a1.com"],
        },
        Reasons = [new Reason { Signal = "shared_payment", Weight = 0.31, Detail = "2 payment instruments shared by 211 accounts" }],
        Templates = [new TemplateSummary { TemplateId = "tpl_9c1e44aa0123beef", Exchanges = 90_000, Accounts = 200, Capability = "coding", Example = SecretPrompt }],
        Infrastructure = new Infrastructure
        {
            Asns = [new AsnSummary { Asn = 64500, Org = "Example Hosting", Type = "hosting", Exchanges = 100_000 }, new AsnSummary { Asn = 64511, Org = "Example ISP", Type = "isp", Exchanges = 31_022 }],
            Countries = new() { ["SG"] = 100_000, ["US"] = 31_022 },
            IpBlocks = [new IpBlockSummary { Block = "203.0.113.0/24", Exchanges = 90_000, Accounts = 150 }],
        },
    };
}
