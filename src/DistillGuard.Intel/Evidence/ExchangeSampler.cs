using DistillGuard.Core.Log;

namespace DistillGuard.Intel.Evidence;

/// <summary>
/// Picks a fixed-size, evenly spread sample of a campaign's exchanges in one pass: the exchanges with the
/// smallest hash of (account, time, request id). The hash does not depend on file order or on how many
/// exchanges there are, so the same log always gives the same sample.
/// </summary>
internal sealed class ExchangeSampler(HashSet<string> accounts, int size)
{
    // Max-heap on the hash: the root is the largest kept, evicted when a smaller one arrives.
    private readonly PriorityQueue<SampledExchange, ulong> _kept = new(Comparer<ulong>.Create(static (a, b) => b.CompareTo(a)));

    public long Seen { get; private set; }

    public void Offer(Exchange exchange)
    {
        if (size == 0 || !accounts.Contains(exchange.AccountId))
        {
            return;
        }

        Seen++;
        var hash = Hash(exchange);
        if (_kept.Count < size)
        {
            _kept.Enqueue(new SampledExchange(exchange.SourceFileIndex, exchange.SourceLine, exchange.Timestamp, hash), hash);
        }
        else if (_kept.TryPeek(out _, out var largest) && hash < largest)
        {
            _kept.DequeueEnqueue(new SampledExchange(exchange.SourceFileIndex, exchange.SourceLine, exchange.Timestamp, hash), hash);
        }
    }

    /// <summary>The sample in log order (time, then file and line).</summary>
    public List<SampledExchange> Result()
    {
        var result = new List<SampledExchange>(_kept.Count);
        foreach (var (item, _) in _kept.UnorderedItems)
        {
            result.Add(item);
        }

        result.Sort(static (a, b) => (a.Timestamp, a.FileIndex, a.Line).CompareTo((b.Timestamp, b.FileIndex, b.Line)));
        return result;
    }

    /// <summary>FNV-1a over the account id, timestamp and request id, finished with a 64-bit mix.</summary>
    private static ulong Hash(Exchange exchange)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in exchange.AccountId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash = (hash ^ (ulong)exchange.Timestamp.Ticks) * 1099511628211UL;
        foreach (var c in exchange.RequestId ?? string.Empty)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }
}
