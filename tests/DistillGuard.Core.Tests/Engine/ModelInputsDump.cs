using DistillGuard.Core.Analysis;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Engine;

/// <summary>
/// Not a check: dumps the risk model's inputs for a simulated scenario folder so the calibration can be refitted
/// (docs/detection.md). Runs only when DG_MODEL_INPUTS names a scenario folder.
/// </summary>
public sealed class ModelInputsDump
{
    [Fact]
    public void WriteModelInputs_ScenarioFolder_WritesCsv()
    {
        var folder = Environment.GetEnvironmentVariable("DG_MODEL_INPUTS");
        if (string.IsNullOrEmpty(folder))
        {
            Assert.Skip("set DG_MODEL_INPUTS to a simulated scenario folder to dump the risk model's inputs");
        }

        var engine = new DetectionEngine(new DetectionOptions(), new ExchangeAnalyzer());
        using (var accounts = new StreamReader(Path.Combine(folder, "accounts.jsonl")))
        {
            // Reuse the scan verb's reader through the public log types: the accounts file has one record a line.
            while (accounts.ReadLine() is { } line)
            {
                using var doc = System.Text.Json.JsonDocument.Parse(line);
                var r = doc.RootElement;
                engine.AddAccount(new AccountRecord
                {
                    AccountId = r.GetProperty("account_id").GetString()!,
                    CreatedAt = r.TryGetProperty("created_at", out var c) ? c.GetDateTime().ToUniversalTime() : null,
                    SignupChannel = r.TryGetProperty("signup_channel", out var ch) ? LogNames.ParseSignupChannel(ch.GetString()) : SignupChannel.Unknown,
                    PaymentFingerprint = r.TryGetProperty("payment_fingerprint", out var p) ? p.GetString() : null,
                    EmailDomain = r.TryGetProperty("email_domain", out var e) ? e.GetString() : null,
                    Verified = r.TryGetProperty("verified", out var v) ? v.GetBoolean() : null,
                    OrgId = r.TryGetProperty("org_id", out var o) ? o.GetString() : null,
                });
            }
        }

        using var reader = MergedExchangeReader.Open(Directory.GetFiles(folder, "exchanges-*"));
        while (reader.MoveNext())
        {
            engine.Observe(reader.Current);
        }

        engine.BuildFindings(0, DateTime.UnixEpoch);
        using var writer = new StreamWriter(Path.Combine(folder, "model-inputs.csv"));
        engine.WriteModelInputs(writer);
    }
}
