using System.Text.Json;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Detection;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Features.Streaming;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Logging;

/// <summary>
/// The single consumer of <see cref="ExchangeLogPipeline"/>: for each finished exchange it reassembles a streamed
/// response, writes the log record, and feeds the detection engine — all off the request path, on one thread,
/// in queue order. Records reach the file when the writer's buffer fills or, at the latest, one
/// <see cref="ExchangeLogOptions.FlushInterval"/> after they were written: writing whenever the queue emptied took
/// one pwrite per dozen records under load, ≈ 3 % of the gateway's profile. On shutdown it runs after the web
/// server has drained in-flight requests (<see cref="StoppedAsync"/>), then drains the queue, so no accepted
/// exchange is lost.
/// </summary>
internal sealed class ExchangeLogProcessor(
    ExchangeLogPipeline pipeline,
    ExchangeLogFile file,
    DetectionEngine engine,
    VerdictBoard board,
    GatewayMetrics metrics,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<ExchangeLogProcessor> logger) : IHostedLifecycleService
{
    private readonly ByteSink _reassembled = new();
    private readonly ByteSink _line = new();
    private readonly Utf8JsonWriter _writer = new(Stream.Null, ExchangeLogWriter.Options);
    // No response text kept, as in `scan`: the engine reads only its length, and the log keeps the body itself.
    private readonly ExchangeNormalizer _normalizer = new(maxResponseTextChars: 0);
    private Task _consumer = Task.CompletedTask;
    private ITimer? _flushTimer;

    // Set by the consumer when it appends, cleared when it flushes; read by the timer so an idle gateway queues nothing.
    private volatile bool _unflushed;

    /// <summary>
    /// Set on the engine thread while the log is replayed at start: the verdicts the replay reaches are then logged at
    /// debug level, one line per account, and summed up once afterwards (a restart is not thousands of new events).
    /// </summary>
    internal bool Replaying { get; set; }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        engine.VerdictChanged += OnVerdictChanged;
        engine.StandingChanged += board.SetStanding;
        engine.Evaluated += OnEvaluated;
        _consumer = Task.Factory.StartNew(ConsumeAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        var interval = options.Value.Log.FlushInterval;
        _flushTimer = time.CreateTimer(static state => ((ExchangeLogProcessor)state!).OnFlushTick(), this, interval, interval);
        return Task.CompletedTask;
    }

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Runs after every hosted service (the web server included) has stopped: drain and close.</summary>
    public async Task StoppedAsync(CancellationToken cancellationToken)
    {
        if (_flushTimer is not null)
        {
            await _flushTimer.DisposeAsync().ConfigureAwait(false);
        }

        pipeline.Complete();
        await _consumer.ConfigureAwait(false);
        engine.VerdictChanged -= OnVerdictChanged;
        engine.StandingChanged -= board.SetStanding;
        engine.Evaluated -= OnEvaluated;
        file.Dispose();
        _reassembled.Reset();
        _line.Reset();
        _writer.Dispose();
        Log.LogDrained(logger, Volatile.Read(ref metrics.LogRecordsWritten));
    }

    private async Task ConsumeAsync()
    {
        var reader = pipeline.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (reader.TryRead(out var record))
            {
                try
                {
                    if (pipeline.IsFlushRequest(record))
                    {
                        Flush();
                    }
                    else if (record.Control is { } work)
                    {
                        work.Run(engine);
                    }
                    else
                    {
                        Process(record);
                    }
                }
                catch (Exception ex)
                {
                    Interlocked.Increment(ref metrics.LogRecordsFailed);
                    Log.LogWriteFailed(logger, record.Meta.RequestId, ex);
                }
                finally
                {
                    pipeline.Return(record);
                }
            }
        }
    }

    private void OnFlushTick()
    {
        if (_unflushed)
        {
            pipeline.RequestFlush();
        }
    }

    private void Flush()
    {
        _unflushed = false;
        file.Flush();
    }

    private void Process(ExchangeRecord record)
    {
        var meta = record.Meta;
        var response = ResponseJson(record);

        // logio's normaliser is the one the log reader uses, so the engine sees the same Exchange live and in `scan`.
        _normalizer.TryNormalize(record.Request.Span, response, meta);
        if (meta.Response is null)
        {
            // Not JSON (an upstream's HTML error page, say): keep the record, drop the body.
            response = default;
        }

        if (record.Response.Truncated)
        {
            meta.Usage = UsageOfCutResponse(record.Response, meta.Usage);
        }

        _line.Reset();
        _writer.Reset(_line);
        ExchangeLogWriter.WriteExchange(_writer, meta, record.Request.Span, response);
        _writer.Flush();

        file.Append(_line.Span);
        _unflushed = true;
        Interlocked.Increment(ref metrics.LogRecordsWritten);
        Observe(meta);
    }

    private ReadOnlySpan<byte> ResponseJson(ExchangeRecord record)
    {
        if (record.Response.Truncated)
        {
            Interlocked.Increment(ref metrics.LogResponsesTruncated);
        }

        if (!record.ResponseIsStream)
        {
            // A cut JSON body cannot be logged verbatim; the record keeps everything else.
            return record.Response.Truncated ? default : record.Response.Span;
        }

        _reassembled.Reset();
        SseReassembler.Reassemble(record.Response.Span, record.Meta.Api, _reassembled);
        return _reassembled.Span;
    }

    /// <summary>
    /// A response cut at <see cref="ExchangeLogOptions.MaxResponseBytes"/> keeps its usage: both APIs end with it, and
    /// the sink keeps the last bytes past the cut. Each figure the end states wins over the kept start's (a stream's
    /// <c>message_start</c> counts one output token); the record then carries it as its own <c>usage</c>, which
    /// <c>scan</c> reads before the body's, so the engine sees the same figures live and in a scan.
    /// </summary>
    private static TokenUsage UsageOfCutResponse(ByteSink response, TokenUsage fromKeptStart)
    {
        Span<byte> tail = stackalloc byte[ByteSink.TailBytes];
        if (!TrailingUsage.TryRead(tail[..response.CopyTail(tail)], out var end))
        {
            return fromKeptStart;
        }

        return new TokenUsage(
            end.InputTokens > 0 ? end.InputTokens : fromKeptStart.InputTokens,
            end.OutputTokens > 0 ? end.OutputTokens : fromKeptStart.OutputTokens,
            end.ReasoningTokens > 0 ? end.ReasoningTokens : fromKeptStart.ReasoningTokens);
    }

    private void Observe(Exchange exchange)
    {
        try
        {
            var verdict = engine.Observe(exchange);
            var published = engine.GetStatus(exchange.AccountId);
            var known = board.EngineStatus(exchange.AccountId);
            if (known is null || known.Verdict != (published?.Verdict ?? verdict))
            {
                OnVerdictChanged(published ?? new AccountStatus(exchange.AccountId, verdict, 0, null, null));
            }
        }
        catch (Exception ex)
        {
            Log.EngineFailed(logger, exchange.RequestId, ex);
        }
    }

    private void OnEvaluated(EngineEvaluation evaluation)
    {
        // The replay at start evaluates days of log in seconds: its ticks say nothing about the live consumer's.
        if (!Replaying)
        {
            metrics.EngineEvaluations(evaluation.Reclustered).Record(evaluation.Elapsed.TotalSeconds);
        }
    }

    private void OnVerdictChanged(AccountStatus status)
    {
        var previous = board.SetEngine(status);
        if (previous == status.Verdict)
        {
            return;
        }

        metrics.CountVerdictChange(previous ?? Verdict.Allow, status.Verdict, previous is null);
        if (status.Verdict != Verdict.Allow)
        {
            var from = VerdictNames.ToWire(previous ?? Verdict.Allow);
            if (Replaying)
            {
                Log.VerdictReplayed(logger, status.AccountId, from, VerdictNames.ToWire(status.Verdict), status.Risk, status.CampaignId);
            }
            else
            {
                Log.VerdictChanged(logger, status.AccountId, from, VerdictNames.ToWire(status.Verdict), status.Risk, status.CampaignId);
            }
        }
    }
}
