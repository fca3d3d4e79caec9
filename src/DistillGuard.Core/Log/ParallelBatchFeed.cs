using System.Collections.Concurrent;
using System.Runtime.ExceptionServices;
using System.Threading.Channels;

namespace DistillGuard.Core.Log;

/// <summary>
/// Decompresses and parses files on worker threads, each with its own parser. Each started file has a small set of
/// recycled batches (one at first, more once the merge is drawing on it); a worker fills one whenever the merge hands
/// one back, so memory per file is bounded and a file is served by one worker at a time (its source is
/// single-threaded). Files are scheduled through one work queue, so any number of files shares the workers without
/// deadlock: every file with a free batch is always queued.
/// </summary>
internal sealed class ParallelBatchFeed : IBatchFeed
{
    /// <summary>
    /// Batches a file drawn on by the merge may always have; the reader sizes batches so that every file having this
    /// many stays within <see cref="MergedExchangeReader.MaxExchangesInFlight"/>.
    /// </summary>
    public const int BatchesPerFile = 3;

    /// <summary>
    /// Batches a drawn-on file may grow to while the reader's budget has room: a deeper queue lets the workers read on
    /// through the merge's hourly clustering pauses instead of leaving a core idle (3–6 % less wall time per scan,
    /// docs/benchmarks.md). Usually one or two files are drawn on at a time, so the budget allows it.
    /// </summary>
    public const int MaxBatchesPerFile = 8;

    private readonly Lane[] _lanes;
    private readonly Channel<Lane> _work = Channel.CreateUnbounded<Lane>(new UnboundedChannelOptions { SingleReader = false });
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _workers;
    private readonly int _batchSize;
    private readonly ExchangePool _pool;

    /// <summary>Batches held by all files together up to which a drawn-on file may grow past <see cref="BatchesPerFile"/>.</summary>
    private readonly int _budget;

    /// <summary>Batches held by files not yet finished; touched only by the merge thread.</summary>
    private int _held;

    public ParallelBatchFeed(FileExchangeSource[] sources, int batchSize, int workers, LogReaderOptions options, ExchangePool pool)
    {
        _batchSize = batchSize;
        _pool = pool;
        _budget = MergedExchangeReader.MaxExchangesInFlight / batchSize;
        _lanes = new Lane[sources.Length];
        for (var i = 0; i < sources.Length; i++)
        {
            _lanes[i] = new Lane(sources[i]);
        }

        _workers = new Task[Math.Max(1, Math.Min(workers, sources.Length))];
        for (var i = 0; i < _workers.Length; i++)
        {
            _workers[i] = Task.Factory.StartNew(() => Work(new ExchangeParser(options)), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        }
    }

    public void Start(int file)
    {
        var lane = _lanes[file];
        if (lane.Allocated == 0)
        {
            AddBatch(lane);
        }
    }

    public ExchangeBatch Take(int file)
    {
        var lane = _lanes[file];
        Start(file);
        while (true)
        {
            if (lane.Ready.Reader.TryRead(out var batch))
            {
                if (batch.IsLast)
                {
                    // Its batches go back to the shared pool as the merge hands them back.
                    _held -= lane.Allocated;
                }
                else if (!lane.Done && (lane.Allocated < BatchesPerFile || (lane.Allocated < MaxBatchesPerFile && _held < _budget)))
                {
                    // The merge is drawing on this file: let it read further ahead.
                    AddBatch(lane);
                }

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

    public void Return(int file, ExchangeBatch batch) => Release(_lanes[file], batch);

    private void AddBatch(Lane lane)
    {
        lane.Allocated++;
        _held++;
        Release(lane, _pool.RentBatch(_batchSize));
    }

    private void Release(Lane lane, ExchangeBatch batch)
    {
        if (lane.Done)
        {
            _pool.GiveBack(batch);
            return;
        }

        lane.Free.Enqueue(batch);
        if (Interlocked.Increment(ref lane.Pending) == 1)
        {
            _work.Writer.TryWrite(lane);
        }
    }

    private void Work(ExchangeParser parser)
    {
        var reader = _work.Reader;
        try
        {
            while (reader.WaitToReadAsync(_stop.Token).AsTask().GetAwaiter().GetResult())
            {
                while (reader.TryRead(out var lane))
                {
                    Serve(lane, parser);
                }
            }
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            // Disposed while waiting for work.
        }
    }

    /// <summary>Fills one batch per free batch of the lane; only the thread that moved Pending off zero gets here.</summary>
    private void Serve(Lane lane, ExchangeParser parser)
    {
        do
        {
            if (lane.Done)
            {
                // A batch handed back while the last one was being filled.
                RetireFree(lane);
                continue;
            }

            if (_stop.IsCancellationRequested || !lane.Free.TryDequeue(out var batch))
            {
                continue;
            }

            try
            {
                lane.Source.Fill(batch, parser);
            }
            catch (Exception e)
            {
                lane.Error = ExceptionDispatchInfo.Capture(e);
                lane.Done = true;
                lane.Source.Dispose();
                lane.Ready.Writer.TryComplete();
                continue;
            }

            if (batch.IsLast)
            {
                // Before the merge can see the last batch: from here on the file's batches go to the shared pool, not
                // refilled (see Release), so a finished file keeps none of its exchanges to itself while the reader reads on.
                lane.Done = true;
                lane.Source.Dispose();
                RetireFree(lane);
            }

            lane.Ready.Writer.TryWrite(batch);
            if (batch.IsLast)
            {
                lane.Ready.Writer.TryComplete();
            }
        }
        while (Interlocked.Decrement(ref lane.Pending) > 0);
    }

    private void RetireFree(Lane lane)
    {
        while (lane.Free.TryDequeue(out var batch))
        {
            _pool.GiveBack(batch);
        }
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

        /// <summary>Batches created for this file; touched only by the merge thread.</summary>
        public int Allocated { get; set; }

        public int Pending;

        public volatile bool Done;

        public volatile ExceptionDispatchInfo? Error;
    }
}
