using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Auth;
using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Features.Store;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Detection;

/// <summary>
/// At start, before traffic (hosted services start before the web server): loads keys and overrides from the store
/// into the in-memory indexes; on the engine thread, gives the engine the known accounts and the overrides (they
/// count for payment co-holders) and replays the exchange log already on disk (<see cref="ExchangeLogReplay"/>) up to
/// now. With a replay, the accounts and overrides are accounts.jsonl's and overrides.jsonl's lines, each counted from
/// where the live engine counted it, as a scan of the folder does; what the store holds that a file does not end with
/// counts from the replay's end and is appended. Without a file, the store's are written to a new one, counted from
/// the log's start.
/// </summary>
internal sealed class GatewayStateLoader(
    GatewayStore store,
    ApiKeyIndex keys,
    VerdictBoard board,
    ExchangeLogPipeline pipeline,
    ExchangeLogProcessor processor,
    ExchangeLogReplay replay,
    GatewayMetrics metrics,
    AccountsLogFile accountsFile,
    OverridesLogFile overridesFile,
    RotatedLogCompressor compressor,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<GatewayStateLoader> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (hash, entry) in store.LoadLiveKeys())
        {
            keys.Set(hash, entry);
        }

        var overrides = store.LoadOverrides();
        foreach (var entry in overrides)
        {
            board.SetOverride(entry);
        }

        var sideFiles = SideFilesAtStart.Read(accountsFile, overridesFile, store.LoadAccounts(), overrides, logger);

        // A crash in the middle of compressing a closed log file leaves two copies or a temporary one: settle that
        // before the replay reads the folder, so no record is read twice.
        compressor.RecoverAtStart();

        // On the engine thread (the log consumer, started before this service), so nothing else touches the engine
        // meanwhile; verdicts the replay reaches reach the board as live ones do.
        var replayOnStart = options.Value.Log.ReplayOnStart;
        await pipeline.RunOnEngineAsync(
            engine =>
            {
                sideFiles.GiveEngine(engine, replayOnStart);
                var replayed = replayOnStart ? Replay(engine, cancellationToken) : 0;
                sideFiles.BringUpToStore(engine, replayOnStart);
                return replayed;
            },
            cancellationToken).ConfigureAwait(false);

        compressor.QueueEarlierFiles();
        var riskModel = options.Value.Policy.RiskModel is { } path ? $"from {Path.GetFullPath(path)}" : "built-in";
        Log.GatewayStarted(logger, options.Value.Upstreams.Count, Path.GetFullPath(options.Value.Log.Directory), riskModel);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>On the engine thread: the replay, then the move to now; the verdicts they reach are summed up once.</summary>
    private long Replay(DetectionEngine engine, CancellationToken cancellationToken)
    {
        processor.Replaying = true;
        try
        {
            var replayed = replay.Run(engine, cancellationToken);
            if (replayed > 0)
            {
                // Close the ticks between the last logged exchange and now at once, as the engine clock would on its
                // next beat: a verdict the live engine reached in the minutes before it stopped is enforced from the
                // first request, not one clock period later.
                engine.Advance(time.GetUtcNow().UtcDateTime);
                Log.ReplayVerdicts(logger, metrics.AccountsWith(Verdict.Review), metrics.AccountsWith(Verdict.Throttle), metrics.AccountsWith(Verdict.Block));
            }

            return replayed;
        }
        finally
        {
            processor.Replaying = false;
        }
    }
}
