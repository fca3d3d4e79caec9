namespace DistillGuard.Core.Log;

/// <summary>Parses on the caller's thread, one batch per file at a time (<see cref="LogReaderOptions.Parallelism"/> = 1).</summary>
internal sealed class InlineBatchFeed : IBatchFeed
{
    private readonly FileExchangeSource[] _sources;
    private readonly ExchangeBatch?[] _spare;
    private readonly bool[] _finished;
    private readonly int _batchSize;
    private readonly ExchangeParser _parser;
    private readonly ExchangePool _pool;

    public InlineBatchFeed(FileExchangeSource[] sources, int batchSize, LogReaderOptions options, ExchangePool pool)
    {
        _parser = new ExchangeParser(options);
        _pool = pool;
        _sources = sources;
        _spare = new ExchangeBatch?[sources.Length];
        _finished = new bool[sources.Length];
        _batchSize = batchSize;
    }

    public void Start(int file)
    {
        // Reading happens in Take, on the caller's thread.
    }

    public ExchangeBatch Take(int file)
    {
        var batch = _spare[file] ?? _pool.RentBatch(_batchSize);
        _spare[file] = null;
        _sources[file].Fill(batch, _parser);
        if (batch.IsLast)
        {
            _finished[file] = true;
            _sources[file].Dispose();
        }

        return batch;
    }

    /// <summary>Keeps the batch for the file's next <see cref="Take"/>; a finished file's batch goes to the shared pool.</summary>
    public void Return(int file, ExchangeBatch batch)
    {
        if (_finished[file])
        {
            _pool.GiveBack(batch);
        }
        else
        {
            _spare[file] = batch;
        }
    }

    public void Dispose()
    {
        foreach (var source in _sources)
        {
            source.Dispose();
        }
    }
}
