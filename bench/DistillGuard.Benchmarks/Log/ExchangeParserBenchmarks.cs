using BenchmarkDotNet.Attributes;
using DistillGuard.Core.Log;

namespace DistillGuard.Benchmarks.Log;

/// <summary>Parse throughput and allocations per record of <see cref="ExchangeParser"/> on realistic lines.</summary>
[MemoryDiagnoser]
public class ExchangeParserBenchmarks
{
    private const int Records = 10_000;
    private byte[][] _lines = [];
    private ExchangeParser _parser = null!;
    private ExchangeParser _noResponseText = null!;
    private readonly Exchange _target = new();

    [GlobalSetup]
    public void Setup()
    {
        _lines = SyntheticExchangeLog.Lines(Records, seed: 42);
        _parser = new ExchangeParser();
        _noResponseText = new ExchangeParser(maxResponseTextChars: 0);
        Console.WriteLine($"// average line: {_lines.Average(l => l.Length):F0} bytes");
    }

    /// <summary>One operation = one record.</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public int Parse() => ParseAll(_parser);

    /// <summary>With <see cref="LogReaderOptions.MaxResponseTextChars"/> = 0 (answers counted, not kept).</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int ParseWithoutResponseText() => ParseAll(_noResponseText);

    /// <summary>For comparison: <see cref="System.Text.Json.Utf8JsonReader"/> reading every token, keeping nothing.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public long TokenScanOnly()
    {
        long tokens = 0;
        foreach (var line in _lines)
        {
            var reader = new System.Text.Json.Utf8JsonReader(line);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    /// <summary>The floor the parser now stands on: <see cref="SpanJsonReader"/> reading every token, keeping nothing.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public long SpanReaderScanOnly()
    {
        long tokens = 0;
        foreach (var line in _lines)
        {
            var reader = new SpanJsonReader(line);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return tokens;
    }

    private int ParseAll(ExchangeParser parser)
    {
        var ok = 0;
        foreach (var line in _lines)
        {
            if (parser.TryParse(line, _target, out _))
            {
                ok++;
            }
        }

        return ok;
    }
}
