namespace DistillGuard.Core.Log;

/// <summary>
/// Recycled exchanges, batches and line chunks shared by the files of one reader. Each file keeps its own free list
/// while it is read and hands it here when it ends, so the next file starts on warm instances instead of allocating
/// its couple of thousand exchanges (growing their text buffers) and its chunks' megabyte line buffers afresh:
/// allocated per file, they were most of a scan's allocation, and survived long enough to make its collections
/// costly. The pool holds only what finished files gave back, so it never holds more than was in use at once.
/// Thread-safe: files end on worker threads.
/// </summary>
internal sealed class ExchangePool
{
    private readonly Stack<Exchange> _exchanges = new();
    private readonly Stack<ExchangeBatch> _batches = new();
    private readonly Stack<LineChunk> _chunks = new();
    private readonly Lock _lock = new();

    /// <summary>Moves pooled exchanges into <paramref name="free"/> until it holds <paramref name="count"/> (or the pool is empty).</summary>
    public void TopUp(Stack<Exchange> free, int count)
    {
        lock (_lock)
        {
            while (free.Count < count && _exchanges.TryPop(out var exchange))
            {
                free.Push(exchange);
            }
        }
    }

    /// <summary>Takes every exchange in <paramref name="free"/> (a file that has ended).</summary>
    public void GiveBack(Stack<Exchange> free)
    {
        lock (_lock)
        {
            while (free.TryPop(out var exchange))
            {
                _exchanges.Push(exchange);
            }
        }
    }

    /// <summary>A pooled batch, or a new one of <paramref name="capacity"/> exchanges (a reader's batches all have one size).</summary>
    public ExchangeBatch RentBatch(int capacity)
    {
        lock (_lock)
        {
            if (_batches.TryPop(out var batch))
            {
                batch.Clear();
                return batch;
            }
        }

        return new ExchangeBatch(capacity);
    }

    /// <summary>A pooled chunk (its line buffer already grown by an earlier file), or a new one of <paramref name="capacity"/> lines.</summary>
    public LineChunk RentChunk(int capacity)
    {
        lock (_lock)
        {
            if (_chunks.TryPop(out var chunk))
            {
                return chunk;
            }
        }

        return new LineChunk(capacity);
    }

    /// <summary>Takes a chunk its file no longer needs: not being parsed, every exchange taken or discarded.</summary>
    public void GiveBack(LineChunk chunk)
    {
        chunk.TrimBuffer();
        lock (_lock)
        {
            _chunks.Push(chunk);
        }
    }

    /// <summary>Takes a batch its file no longer needs (the file has ended); its exchanges must no longer be in use.</summary>
    public void GiveBack(ExchangeBatch batch)
    {
        lock (_lock)
        {
            _batches.Push(batch);
        }
    }
}
