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
    private readonly Exchange _target = new();

    [GlobalSetup]
    public void Setup()
    {
        _lines = SyntheticExchangeLog.Lines(Records, seed: 42);
        _parser = new ExchangeParser();
        Console.WriteLine($"// average line: {_lines.Average(l => l.Length):F0} bytes");
    }

    /// <summary>One operation = one record.</summary>
    [Benchmark(OperationsPerInvoke = Records)]
    public int Parse()
    {
        var ok = 0;
        foreach (var line in _lines)
        {
            if (_parser.TryParse(line, _target, out _))
            {
                ok++;
            }
        }

        return ok;
    }
}
