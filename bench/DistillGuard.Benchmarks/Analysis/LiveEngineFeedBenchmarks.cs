using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;

namespace DistillGuard.Benchmarks.Analysis;

/// <summary>
/// The live gateway's log consumer per exchange, apart from writing the log line: normalise the bodies and feed the
/// detection engine, as <c>ExchangeLogProcessor</c> does. One account sending the gateway bench's request at 12,000
/// requests a second of log time, for 3.5 minutes of it, so the engine's buffer fills to its two to four minutes and is
/// applied (docs/detection.md, "Time") as it is in front of a busy API. Each exchange carries fresh strings for its
/// request id, address and user agent, as the gateway's do.
/// Run: dotnet run -c Release --project bench/DistillGuard.Benchmarks -- --filter '*LiveEngineFeed*'
/// </summary>
/// <remarks>
/// The figure is what this work costs per exchange on an otherwise idle core. In the gateway bench, where the same work
/// shares two cores with the request path, it costs several times as much CPU per request (docs/benchmarks.md, Gateway,
/// twenty-first pass), so a saving here counts more there.
/// </remarks>
[MemoryDiagnoser]
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class LiveEngineFeedBenchmarks
{
    private const int RequestsPerSecond = 12_000;
    private const int Exchanges = RequestsPerSecond * 210;

    private static readonly byte[] Request = Encoding.UTF8.GetBytes(
        """{"model":"bench-model","max_tokens":256,"messages":[{"role":"user","content":"Summarise the causes of the French Revolution in three sentences."}]}""");

    // The stand-in upstream's answer to that request (`gateway --stand-in-upstream`).
    private static readonly byte[] Response = Encoding.UTF8.GetBytes(
        """{"id":"msg_standin","type":"message","role":"assistant","model":"bench-model","content":[{"type":"text","text":"Answer to: Summarise the causes of the French Revolution in three sentences."}],"stop_reason":"end_turn","stop_sequence":null,"usage":{"input_tokens":12,"output_tokens":34}}""");

    private static readonly DateTime Start = new(2026, 12, 5, 19, 0, 0, DateTimeKind.Utc);

    [Benchmark(OperationsPerInvoke = Exchanges)]
    public int NormaliseAndObserve()
    {
        var engine = new DetectionEngine(new DetectionOptions(), new ExchangeAnalyzer());
        var normalizer = new ExchangeNormalizer(maxResponseTextChars: 0);
        var exchange = new Exchange();
        for (var i = 0; i < Exchanges; i++)
        {
            exchange.Timestamp = Start.AddTicks(i * (TimeSpan.TicksPerSecond / RequestsPerSecond));
            exchange.RequestId = "req_" + i.ToString("x24", CultureInfo.InvariantCulture);
            exchange.AccountId = "acct_bench";
            exchange.ApiKeyId = "key_bench";
            exchange.Ip = new string("127.0.0.1");
            exchange.UserAgent = new string("wrk");
            exchange.Api = ApiShape.AnthropicMessages;
            exchange.Status = 200;
            exchange.LatencyMs = 0.2;
            exchange.Response = null;
            normalizer.TryNormalize(Request, Response, exchange);
            engine.Observe(exchange);
            engine.GetStatus(exchange.AccountId);
        }

        return engine.BufferedExchanges;
    }
}
