using System.Text.Json;
using DistillGuard.Core.Log;
using DistillGuard.Intel;
using DistillGuard.Intel.Validation;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>
/// The main test: provider A exports the campaign it found; provider B, scanning a different scenario in
/// which the same operator (minimax) works from the same infrastructure under another seed, loads A's bundle and
/// sees the matches as reasons. Everything goes through the real verbs and files.
/// </summary>
public sealed class IntelRoundTripTests : IDisposable
{
    private const string Operator = "minimax-2026-02";
    private readonly IntelCliFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task ExportThenScanAnotherScenario_SameOperator_MatchesBecomeReasons()
    {
        var a = _fixture.File("provider-a");
        var b = _fixture.File("provider-b");
        var bundle = _fixture.File("bundle.json");
        await Run("simulate", "--scenario", "default", "--seed", "1", "--scale", "0.1", "--out", a);
        await Run("scan", a, "--accounts", Path.Combine(a, "accounts.jsonl"), "--models", Path.Combine(a, "models.jsonl"), "--out", Path.Combine(a, "findings.json"));
        var campaign = CampaignOf(Path.Combine(a, "findings.json"), Labels(a));
        await Run("export", "stix", Path.Combine(a, "findings.json"), "-o", bundle, "--campaign", campaign, "--producer", "Provider A", "--tlp", "green");
        using (var exported = JsonDocument.Parse(File.ReadAllText(bundle)))
        {
            Assert.Empty(StixValidator.Validate(exported.RootElement, new StixValidationOptions { RequireResolvableReferences = true }));
        }

        await Run("simulate", "--scenario", Operator, "--seed", "99", "--scale", "0.002", "--days", "12", "--out", b);
        await Run("scan", b, "--accounts", Path.Combine(b, "accounts.jsonl"), "--models", Path.Combine(b, "models.jsonl"), "--intel", bundle, "--out", Path.Combine(b, "findings.json"));

        var labels = Labels(b);
        var matched = IntelReasons(Path.Combine(b, "findings.json"));
        Assert.NotEmpty(matched);
        Assert.All(matched, m => Assert.Equal(Operator, labels[m.Account]));
        Assert.All(matched, m => Assert.Contains("shared by Provider A", m.Detail, StringComparison.Ordinal));
        Assert.All(matched, m => Assert.Contains($"of distillation campaign {campaign}", m.Detail, StringComparison.Ordinal));

        // Engine-independent: every operator account in B matches A's payment fingerprints, no other account does.
        var matcher = StixIntel.Load([bundle]);
        var accounts = Accounts(b);
        var byPayment = accounts.Where(x => matcher.MatchAccount(x, x.CreatedAt!.Value) is { Kind: "payment" }).Select(x => x.AccountId).ToList();
        Assert.Equal(labels.Where(l => l.Value == Operator).Select(l => l.Key).Order(), byPayment.Order());
    }

    private static async Task Run(params string[] args)
    {
        var run = await CliHarness.RunAsync(args);
        Assert.True(run.ExitCode == 0, $"{string.Join(' ', args)} exited {run.ExitCode}: {run.Error}");
    }

    /// <summary>account id → campaign preset name, or "honest".</summary>
    private static Dictionary<string, string> Labels(string dir)
    {
        using var truth = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "truth.json")));
        return truth.RootElement.GetProperty("accounts").EnumerateArray().ToDictionary(
            x => x.GetProperty("account_id").GetString()!,
            x => x.GetProperty("campaign").GetBoolean() ? x.GetProperty("label").GetString()! : "honest");
    }

    /// <summary>The campaign of A's findings made of the operator's accounts.</summary>
    private static string CampaignOf(string findingsPath, Dictionary<string, string> labels)
    {
        using var findings = JsonDocument.Parse(File.ReadAllText(findingsPath));
        foreach (var campaign in findings.RootElement.GetProperty("campaigns").EnumerateArray())
        {
            var members = campaign.GetProperty("account_ids").EnumerateArray().Select(x => labels[x.GetString()!]).ToList();
            if (members.Count(m => m == Operator) * 2 > members.Count)
            {
                return campaign.GetProperty("campaign_id").GetString()!;
            }
        }

        Assert.Fail($"scan of provider A found no {Operator} campaign to export");
        return string.Empty;
    }

    private static List<(string Account, string Detail)> IntelReasons(string findingsPath)
    {
        using var findings = JsonDocument.Parse(File.ReadAllText(findingsPath));
        var list = new List<(string, string)>();
        foreach (var account in findings.RootElement.GetProperty("accounts").EnumerateArray())
        {
            foreach (var reason in account.GetProperty("reasons").EnumerateArray())
            {
                if (reason.GetProperty("signal").GetString() == "intel_match")
                {
                    list.Add((account.GetProperty("account_id").GetString()!, reason.GetProperty("detail").GetString()!));
                }
            }
        }

        return list;
    }

    private static List<AccountRecord> Accounts(string dir) =>
        [.. File.ReadLines(Path.Combine(dir, "accounts.jsonl")).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            return new AccountRecord
            {
                AccountId = root.GetProperty("account_id").GetString()!,
                CreatedAt = root.GetProperty("created_at").GetDateTime().ToUniversalTime(),
                PaymentFingerprint = root.TryGetProperty("payment_fingerprint", out var p) ? p.GetString() : null,
            };
        })];
}
