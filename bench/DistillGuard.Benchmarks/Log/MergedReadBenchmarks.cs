using BenchmarkDotNet.Attributes;
using DistillGuard.Core.Log;

namespace DistillGuard.Benchmarks.Log;

/// <summary>
/// Reading gzip exchange logs: the raw baseline (decompress and split lines only) against the full merged read
/// (decompress, parse, reorder, k-way merge), sequential and on worker threads. One operation = one record.
/// </summary>
/// <remarks>Each invocation reads every file once (seconds); run it with <c>--job short</c>.</remarks>
[MemoryDiagnoser]
public class MergedReadBenchmarks
{
    private const int Files = 4;
    private const int PerFile = 10_000;
    private string _directory = string.Empty;
    private IReadOnlyList<LogFile> _files = [];

    [GlobalSetup]
    public void Setup()
    {
        _directory = Path.Combine(Path.GetTempPath(), "dg-bench-log-" + Environment.ProcessId);
        _files = LogInputs.Discover(SyntheticExchangeLog.WriteGzipFiles(_directory, Files, PerFile));
        var raw = RawLogReader.ReadAll(_files);
        Console.WriteLine($"// {raw.Lines} lines, {raw.Bytes / 1e6:F1} MB decompressed, {_files.Sum(f => f.Length) / 1e6:F1} MB gzip");
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = Files * PerFile)]
    public long RawRead() => RawLogReader.ReadAll(_files, parallelism: 1).Lines;

    [Benchmark(OperationsPerInvoke = Files * PerFile)]
    public long RawReadParallel() => RawLogReader.ReadAll(_files, parallelism: 2).Lines;

    [Benchmark(OperationsPerInvoke = Files * PerFile)]
    [Arguments(1)]
    [Arguments(2)]
    public long MergedRead(int parallelism)
    {
        using var reader = new MergedExchangeReader(_files, new LogReaderOptions { Parallelism = parallelism });
        long tokens = 0;
        while (reader.MoveNext())
        {
            tokens += reader.Current.Usage.OutputTokens;
        }

        return tokens;
    }
}
