using BenchmarkDotNet.Attributes;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Intel;
using DistillGuard.Core.Log;
using DistillGuard.Intel;
using DistillGuard.Intel.Export;

namespace DistillGuard.Benchmarks.Intel;

/// <summary>
/// Cost of <see cref="IIntelMatcher.MatchExchange"/> per exchange against a peer bundle of 20 campaigns
/// (about 2,000 IP/ASN values and 200 hashed fingerprints): the common case (a miss) and a hit.
/// Run: dotnet run -c Release --project bench/DistillGuard.Benchmarks -- --filter '*IntelMatcher*'
/// </summary>
[MemoryDiagnoser]
public class IntelMatcherBenchmarks
{
    private IIntelMatcher _matcher = null!;
    private Exchange _miss = null!;
    private Exchange _hit = null!;
    private ExchangeFeatures _features;
    private string _path = null!;

    [GlobalSetup]
    public void Setup()
    {
        var start = new DateTime(2026, 4, 1, 0, 0, 0, DateTimeKind.Utc);
        var findings = new FindingsDocument { GeneratedAt = start };
        for (var c = 0; c < 20; c++)
        {
            var indicators = new CampaignIndicators();
            for (var i = 0; i < 100; i++)
            {
                indicators.Ips.Add($"10.{c}.{i}.7");
            }

            indicators.IpBlocks = [$"172.16.{c}.0/24"];
            indicators.Asns.Add(64_500 + c);
            indicators.PaymentFingerprints.Add($"pf_{c}");
            for (var t = 0; t < 5; t++)
            {
                indicators.TemplateIds.Add(((ulong)((c * 10) + t + 1)).ToString("x16", System.Globalization.CultureInfo.InvariantCulture));
            }

            indicators.ClientFingerprints = [$"bot/{c}|tls{c}"];
            findings.Campaigns.Add(new CampaignFinding
            {
                CampaignId = $"cmp_{c:0000}", Confidence = 0.9, FirstSeen = start, LastSeen = start.AddDays(30), Indicators = indicators,
            });
        }

        _path = Path.GetTempFileName();
        File.WriteAllText(_path, StixExport.ToJson(findings, new StixExportOptions { Producer = "Bench Peer" }));
        _matcher = StixIntel.Load([_path]);
        var at = start.AddDays(10);
        _miss = new Exchange { Timestamp = at, AccountId = "a", Ip = "192.0.2.55", Asn = 65_000, UserAgent = "Mozilla/5.0", TlsFingerprint = "t13d" };
        _hit = new Exchange { Timestamp = at, AccountId = "a", Ip = "10.3.40.7", Asn = 64_503, UserAgent = "bot/3", TlsFingerprint = "tls3" };
        _features = new ExchangeFeatures { TemplateId = 0xdead_beef, Sketch = 0x1234_5678_9abc_def0 };
    }

    [GlobalCleanup]
    public void Cleanup() => File.Delete(_path);

    [Benchmark(Baseline = true)]
    public IntelMatch? Miss() => _matcher.MatchExchange(_miss, _features);

    [Benchmark]
    public IntelMatch? Hit() => _matcher.MatchExchange(_hit, _features);
}
