using System.Collections.Concurrent;

namespace DistillGuard.Core.Log;

/// <summary>
/// Parsers for the pool threads that parse files' chunks of lines (<see cref="LineChunk"/>): each parser is used by
/// one thread at a time, and a file keeps up to four times <see cref="Parallelism"/> chunks in flight.
/// </summary>
internal sealed class ParserPool(LogReaderOptions options)
{
    private readonly ConcurrentBag<ExchangeParser> _free = [];

    public int Parallelism { get; } = options.Parallelism;

    public ExchangeParser Rent() => _free.TryTake(out var parser) ? parser : new ExchangeParser(options);

    public void Return(ExchangeParser parser) => _free.Add(parser);
}
