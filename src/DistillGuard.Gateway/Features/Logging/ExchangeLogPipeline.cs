using System.Collections.Concurrent;
using System.Threading.Channels;
using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Logging;

/// <summary>
/// The bounded queue between the request path and the single consumer that logs exchanges and feeds the engine.
/// Overload policy: when the queue is full the request path waits for room (backpressure), and every such wait
/// is counted in <c>distillguard_gateway_log_backpressure_waits_total</c>; no record is ever dropped.
/// </summary>
internal sealed class ExchangeLogPipeline
{
    private readonly Channel<ExchangeRecord> _channel;
    private readonly ConcurrentBag<ExchangeRecord> _pool = [];

    // One record, never pooled, that asks the consumer to write its buffer to the file; queued at most once at a time.
    private readonly ExchangeRecord _flushRequest = new();
    private int _flushQueued;
    private readonly GatewayMetrics _metrics;
    private readonly ILogger<ExchangeLogPipeline> _logger;
    private readonly int _capacity;
    private readonly int _maxResponseBytes;

    public ExchangeLogPipeline(IOptions<GatewayOptions> options, GatewayMetrics metrics, ILogger<ExchangeLogPipeline> logger)
    {
        _capacity = options.Value.Log.QueueCapacity;
        _maxResponseBytes = options.Value.Log.MaxResponseBytes;
        _channel = Channel.CreateBounded<ExchangeRecord>(new BoundedChannelOptions(_capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleReader = true,
            SingleWriter = false,
        });
        _metrics = metrics;
        _logger = logger;
        metrics.QueueCapacity = _capacity;
        metrics.QueueDepth = () => _channel.Reader.Count;
    }

    public ChannelReader<ExchangeRecord> Reader => _channel.Reader;

    public ExchangeRecord Rent()
    {
        var record = _pool.TryTake(out var pooled) ? pooled : new ExchangeRecord();
        record.Response.Cap = _maxResponseBytes;
        return record;
    }

    public void Return(ExchangeRecord record)
    {
        if (IsFlushRequest(record))
        {
            Volatile.Write(ref _flushQueued, 0);
            return;
        }

        record.Reset();
        _pool.Add(record);
    }

    /// <summary>Queues a finished exchange; waits (counted) while the queue is full.</summary>
    public ValueTask EnqueueAsync(ExchangeRecord record, CancellationToken cancellationToken)
    {
        if (_channel.Writer.TryWrite(record))
        {
            return ValueTask.CompletedTask;
        }

        return WaitAndEnqueueAsync(record, cancellationToken);
    }

    /// <summary>Runs <paramref name="action"/> on the engine thread, in order with the exchanges queued before it.</summary>
    public async Task<T> RunOnEngineAsync<T>(Func<DetectionEngine, T> action, CancellationToken cancellationToken)
    {
        var record = Rent();
        var work = new EngineWork(engine => action(engine));
        record.Control = work;
        await EnqueueAsync(record, cancellationToken).ConfigureAwait(false);
        return (T)(await work.Completion.WaitAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Asks the consumer to write what it has buffered, in order with the exchanges queued before. Never waits: with
    /// the queue full the consumer is busy and its buffer goes out as it fills, so the request is simply skipped.
    /// </summary>
    public void RequestFlush()
    {
        if (Interlocked.Exchange(ref _flushQueued, 1) == 0 && !_channel.Writer.TryWrite(_flushRequest))
        {
            Volatile.Write(ref _flushQueued, 0);
        }
    }

    public bool IsFlushRequest(ExchangeRecord record) => ReferenceEquals(record, _flushRequest);

    /// <summary>No more records: the consumer drains what is queued and stops.</summary>
    public void Complete() => _channel.Writer.TryComplete();

    private async ValueTask WaitAndEnqueueAsync(ExchangeRecord record, CancellationToken cancellationToken)
    {
        if (Interlocked.Increment(ref _metrics.LogBackpressureWaits) == 1)
        {
            Log.LogQueueFull(_logger, _capacity);
        }

        // The request is already answered; the exchange must still be logged even if the client has gone.
        _ = cancellationToken;
        try
        {
            await _channel.Writer.WriteAsync(record, CancellationToken.None).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            Interlocked.Increment(ref _metrics.LogRecordsFailed);
            record.Control?.Cancel();
            Return(record);
        }
    }
}
