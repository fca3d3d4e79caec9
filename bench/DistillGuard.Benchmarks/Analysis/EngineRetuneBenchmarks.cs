using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;

namespace DistillGuard.Benchmarks.Analysis;

/// <summary>
/// What a configuration reload costs the live engine: <see cref="DetectionEngine.Retune"/> marks every tracked account
/// to be re-decided, and the next tick does it, on the engine's thread, while the gateway's exchanges wait in its
/// queue. Beside it, the same tick without the reload: one account had news and the hourly re-clustering falls due,
/// which every hour costs anyway; and a tick between two re-clusterings, which three quarter hours in four cost (its
/// engine re-clusters once a decade, so no operation does). The engine tracks <see cref="Accounts"/> accounts of a day's traffic: each sends
/// four exchanges of its own prompts from its own address, and one in five belongs to a team of four sharing a card,
/// so there are clusters to weigh.
/// Run: dotnet run -c Release --project bench/DistillGuard.Benchmarks -- --filter '*EngineRetune*'
/// </summary>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 5)]
public class EngineRetuneBenchmarks
{
    private const int ExchangesPerAccount = 4;

    private static readonly DateTime Start = new(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc);

    // Two sets of thresholds taken in turn, so every Retune changes something.
    private readonly DetectionOptions[] _thresholds =
    [
        new() { ReviewRisk = 0.45, ThrottleRisk = 0.65, BlockRisk = 0.85 },
        new(),
    ];

    private DetectionEngine _engine = null!;
    private Exchange _news = null!;
    private DateTime _now;
    private int _turn;

    [Params(100_000, 1_000_000)]
    public int Accounts { get; set; }

    [GlobalSetup(Targets = [nameof(HourlyTick), nameof(RetuneThenHourlyTick)])]
    public void Setup() => Track(new DetectionOptions());

    [GlobalSetup(Target = nameof(QuarterHourTick))]
    public void SetupWithoutReclustering() => Track(new DetectionOptions { ClusterInterval = TimeSpan.FromDays(3650) });

    [Benchmark(Baseline = true)]
    public int HourlyTick() => Next(TimeSpan.FromHours(1));

    [Benchmark]
    public int RetuneThenHourlyTick()
    {
        _engine.Retune(_thresholds[_turn++ % 2]);
        return Next(TimeSpan.FromHours(1));
    }

    [Benchmark]
    public int QuarterHourTick() => Next(TimeSpan.FromMinutes(15));

    private void Track(DetectionOptions options)
    {
        _engine = new DetectionEngine(options, new ExchangeAnalyzer());
        for (var i = 0; i < Accounts; i++)
        {
            _engine.AddAccount(new AccountRecord
            {
                AccountId = AccountId(i),
                CreatedAt = Start.AddDays(-30 - (i % 300)),
                PaymentFingerprint = i % 20 < 4 ? $"card_team_{i / 20}" : $"card_{i}",
                EmailDomain = "gmail.com",
                Verified = i % 3 != 0,
            });
        }

        var exchange = new Exchange { Api = ApiShape.AnthropicMessages, Model = "frontier-large-2", Status = 200, AsnType = AsnType.Isp, Asn = 7922, Country = "US", UserAgent = "python-httpx/0.27.0" };
        var spacing = TimeSpan.FromDays(1).Ticks / ((long)Accounts * ExchangesPerAccount);
        for (var n = 0; n < Accounts * ExchangesPerAccount; n++)
        {
            var i = n % Accounts;
            exchange.Timestamp = Start.AddTicks(n * spacing);
            exchange.RequestId = "req_" + n.ToString("x24", CultureInfo.InvariantCulture);
            exchange.AccountId = AccountId(i);
            exchange.Ip = string.Create(CultureInfo.InvariantCulture, $"{11 + (i >> 16)}.{(i >> 8) & 255}.{i & 255}.7");
            exchange.Request.LastUserText = string.Create(CultureInfo.InvariantCulture, $"Account {i} asks question {n / Accounts}: how do I join two tables on a date range in SQL?");
            exchange.Usage = new TokenUsage(40, 300, 0);
            _engine.Observe(exchange);
        }

        _news = exchange;
        _now = Start.AddDays(1).AddHours(1);
        _engine.Advance(_now);
    }

    // A step of log time with one account's exchange in it: the one tick closing evaluates (and over an hour re-clusters).
    private int Next(TimeSpan step)
    {
        _now += step;
        _news.Timestamp = _now - (step / 2);
        _engine.Observe(_news);
        _engine.Advance(_now);
        return _engine.TrackedAccounts;
    }

    private static string AccountId(int i) => "acct_" + i.ToString("D8", CultureInfo.InvariantCulture);
}
