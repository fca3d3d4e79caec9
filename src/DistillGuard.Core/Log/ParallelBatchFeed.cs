using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace DistillGuard.Core.Log;

/// <summary>
/// Decompresses and parses files on worker threads. Each file has a fixed set of recycled batches; a worker fills
/// one whenever the merge hands one back, so at most <see cref="BatchesPerFile"/> batches per file are in flight
/// (bounded memory) and a file is served by one worker at a time (its source is single-threaded). Files are
/// scheduled through one work queue, so any number of files shares the workers without deadlock: the merge may need
/// any file's next batch, and every file with a free batch is always queued.
/// </summary>
internal sealed class ParallelBatchFeed : IBatchFeed
{
    public const int BatchesPerFile = 3;
    private readonly Lane[] _lanes;
    private readonly Channel<Lane> _work = Channel.CreateUnbounded<Lane>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;

    public ParallelBatchFeed(FileExchangeSource[] sources, int batchSize, int workers)
    {
        _lanes = new Lane[sources.Length];
        for (var i = 0; i < sources.Length; i++)
        {
            var lane = new Lane(sources[i]);
            for (var b = 0; b < BatchesPerFile; b++)
            {
                lane.Free.Enqueue(new ExchangeBatch(batchSize));
            }

            lane.Pending = BatchesPerFile;
            _lanes[i] = lane;
            _work.Writer.TryWrite(lane);
        }

        _workers = new Task[Math.Max(1, Math.Min(workers, sources.Length))];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = Task.Factory.StartNew(Work, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    public ExchangeBatch Take(int file)
    {
        var lane = _lanes[file];
        while (true)
        {
            if (lane.Ready.Reader.TryRead(out var batch))
            {
                return batch;
            }

            if (lane.Error is { } error)
            {
                error.Throw();
            }

            // The merge runs on its own thread and must have this file's batch before it can go on.
            if (!lane.Ready.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                lane.Error?.Throw();
                throw new InvalidOperationException("file ended without a last batch");
            }
        }
    }

    public void Return(int file, ExchangeBatch batch)
    {
        var lane = _lanes[file];
        lane.Free.Enqueue(batch);
        if (Interlocked.Increment(ref lane.Pending) == 1)
        {
            _work.Writer.TryWrite(lane);
        }
    }

    private void Work()
    {
        var reader = _work.Reader;
        try
        {
            while (reader.WaitToReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var lane))
                {
                    Serve(lane);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed while waiting for work.
        }
    }

    /// <summary>Fills one batch per free batch of the lane; only the thread that moved Pending off zero gets here.</summary>
    private void Serve(Lane lane)
    {
        do
        {
            if (lane.Done || _stop.IsCancellationRequested || !lane.Free.TryDequeue(out var batch))
            {
                continue;
            }

            try
            {
                lane.Source.Fill(batch);
            }
            catch (Exception e)
            {
                lane.Done = true;
                lane.Error = ExceptionDispatchInfo.Capture(e);
                lane.Source.Dispose();
                lane.Ready.Writer.TryComplete();
                continue;
            }

            lane.Ready.Writer.TryWrite(batch);
            if (batch.IsLast)
            {
                lane.Done = true;
                lane.Source.Dispose();
                lane.Ready.Writer.TryComplete();
            }
        }
        while (Interlocked.Decrement(ref lane.Pending) > 0);
    }

    public void Dispose()
    {
        _stop.Cancel();
        _work.Writer.TryComplete();
        Task.WaitAll(_workers);
        foreach (var lane in _lanes)
        {
            lane.Source.Dispose();
        }

        _stop.Dispose();
    }

    private sealed class Lane(FileExchangeSource source)
    {
        public FileExchangeSource Source { get; } = source;

        public ConcurrentQueue<ExchangeBatch> Free { get; } = new();

        public Channel<ExchangeBatch> Ready { get; } = Channel.CreateUnbounded<ExchangeBatch>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = false });

        public int Pending;

        public volatile bool Done;

        public ExceptionDispatchInfo? Error;
    }
}
