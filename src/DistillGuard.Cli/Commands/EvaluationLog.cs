using DistillGuard.Core.Log;
using DistillGuard.Simulation.Evaluation;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// The scenario's exchange log for <c>evaluate --log</c>, read through the merged log reader (time order across
/// files). In a folder, the side files written beside the log (<see cref="LogNames.IsSideFile"/>) are not exchange
/// files and are left out.
/// </summary>
internal static class EvaluationLog
{
    public static MergedExchangeReader Open(string path)
    {
        IReadOnlyList<LogFile> files = Directory.Exists(path)
            ? [.. LogInputs.Discover([path]).Where(static f => !LogNames.IsSideFile(Path.GetFileName(f.Path))).Select((f, i) => f with { Index = i })]
            : LogInputs.Discover([path]);
        return new MergedExchangeReader(files, new LogReaderOptions { MaxTextChars = 64 });
    }

    public static IEnumerable<LogEntry> Entries(MergedExchangeReader reader)
    {
        foreach (var exchange in reader)
        {
            yield return new LogEntry(exchange.AccountId, exchange.Timestamp);
        }
    }
}
