using DistillGuard.Core.Findings;
using DistillGuard.Simulation.Campaigns;
using DistillGuard.Simulation.Honest;
using DistillGuard.Simulation.Truth;

namespace DistillGuard.Cli.Tests.Commands;

/// <summary>
/// The issue's "done when" on labelled traffic: the simulator's default scenario at half scale over 7 days, seed 2
/// (the risk model was fitted on seed 1, so this is held-out data), simulated and scanned through the CLI. Also checks
/// campaign purity: each reported campaign is dominated by one operator and each operator lands mostly in one campaign.
/// </summary>
public sealed class ScanQualityTests
{
    [Fact]
    public async Task Scan_DefaultScenarioHalfScale_MeetsRecallPrecisionFalsePositiveAndDetectionTargets()
    {
        using var fixture = new ScanLogFixture();
        var dir = fixture.Path2("scenario");
        var simulate = await CliHarness.RunAsync("simulate", "--scenario", "default", "--seed", "2", "--scale", "0.5", "--days", "7", "--out", dir);
        Assert.True(simulate.ExitCode == 0, simulate.Error);
        var findingsPath = fixture.Path2("findings.json");

        string[] args = ["scan", "--accounts", Path.Combine(dir, "accounts.jsonl"), "--models", Path.Combine(dir, "models.jsonl"),
            "--out", findingsPath, .. Directory.GetFiles(dir, "exchanges-*")];
        var scan = await CliHarness.RunAsync(args);

        Assert.True(scan.ExitCode == 0, scan.Error);
        var truth = TruthSerializer.ReadFile(Path.Combine(dir, "truth.json"));
        var findings = FindingsSerializer.ReadFile(findingsPath);
        var flagged = findings.Accounts.ToDictionary(a => a.AccountId, StringComparer.Ordinal);
        var labels = truth.Accounts.ToDictionary(a => a.AccountId, a => a.Label, StringComparer.Ordinal);
        var active = truth.Accounts.Where(a => a.Exchanges > 0).ToList();
        var campaignAccounts = active.Where(a => a.Campaign).ToList();
        Assert.NotEmpty(campaignAccounts);

        var truePositives = campaignAccounts.Count(a => flagged.ContainsKey(a.AccountId));
        var recall = (double)truePositives / campaignAccounts.Count;
        var precision = (double)truePositives / flagged.Count;
        Assert.True(recall >= 0.95, $"account recall {recall:P1}");
        Assert.True(precision >= 0.95, $"account precision {precision:P1}");

        // Enforced (throttle or block), not just put up for review: 93 % before ban evasion passed a blocked account's
        // verdict to the replacements paying with its card (hydra-proxy replaces a banned account at once).
        var enforced = campaignAccounts.Count(a => flagged.TryGetValue(a.AccountId, out var f) && f.Verdict is "throttle" or "block");
        Assert.True(enforced >= campaignAccounts.Count * 0.97, $"enforced recall {(double)enforced / campaignAccounts.Count:P1}");
        Assert.Contains(findings.Accounts, a => labels.GetValueOrDefault(a.AccountId) == CampaignPresets.Hydra
            && a.Reasons.Exists(r => r.Signal == SignalNames.BanEvasion));

        foreach (var archetype in HonestArchetypes.All)
        {
            var members = active.Where(a => a.Label == archetype).ToList();
            if (archetype == HonestArchetypes.CompanyCardDeveloper)
            {
                // A team on one company card links like an operator: listed for review, never enforced (docs/detection.md,
                // "Conversational use holds at review"; seed 2 lists 8 of its 13).
                Assert.All(members.Where(a => flagged.ContainsKey(a.AccountId)), a => Assert.Null(flagged[a.AccountId].FirstEnforcedAt));
                continue;
            }

            var falsePositives = members.Count(a => flagged.ContainsKey(a.AccountId));
            Assert.True(falsePositives <= members.Count * 0.01, $"{archetype}: {falsePositives} of {members.Count} flagged");
        }

        foreach (var campaign in truth.Campaigns)
        {
            // A campaign is detected once three of its accounts are flagged (DetectionOptions.MinCampaignAccounts).
            var flaggedTimes = campaignAccounts.Where(a => a.Label == campaign.Name && flagged.ContainsKey(a.AccountId))
                .Select(a => flagged[a.AccountId].FirstFlaggedAt!.Value).Order().ToList();
            Assert.True(flaggedTimes.Count >= 3, $"{campaign.Name}: only {flaggedTimes.Count} accounts flagged");
            var hours = (flaggedTimes[2] - campaign.FirstExchange!.Value).TotalHours;
            Assert.True(hours <= 24, $"{campaign.Name}: detected {hours:N1} h after its first exchange");
        }

        // Campaigns correspond to operators: operators renting the same proxy blocks are not chained together.
        foreach (var campaign in findings.Campaigns)
        {
            var dominant = campaign.AccountIds.GroupBy(id => labels.GetValueOrDefault(id, "?"), StringComparer.Ordinal)
                .Max(g => g.Count());
            Assert.True(dominant >= campaign.AccountIds.Count * 0.9,
                $"{campaign.CampaignId}: only {dominant} of {campaign.AccountIds.Count} accounts carry one label");
        }

        foreach (var campaign in truth.Campaigns)
        {
            var placed = findings.Campaigns.Select(c => c.AccountIds.Count(id => labels.GetValueOrDefault(id) == campaign.Name)).ToList();
            var total = placed.Sum();
            Assert.True(total > 0 && placed.Max() >= total * 0.8,
                $"{campaign.Name}: its accounts are spread over campaigns ({string.Join(", ", placed.Where(n => n > 0))})");
        }

        Assert.All(findings.Accounts, a => Assert.NotEmpty(a.Reasons));
        Assert.All(findings.Accounts, a => Assert.InRange(a.Risk, 0, 1));
    }
}
