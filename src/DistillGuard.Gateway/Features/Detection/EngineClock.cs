using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Detection;

/// <summary>
/// Moves the engine's log time forward from the gateway's clock when traffic is quiet, so verdicts that depend
/// on a closed time window still arrive. Runs the advance on the engine thread, in order with queued exchanges.
/// </summary>
internal sealed class EngineClock(ExchangeLogPipeline pipeline, TimeProvider time, IOptions<GatewayOptions> options) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.EngineAdvanceSeconds), time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await AdvanceAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>Advances the engine to now (also used by tests and the admin API).</summary>
    public Task AdvanceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return pipeline.RunOnEngineAsync(engine =>
        {
            engine.Advance(now);
            return true;
        }, cancellationToken);
    }
}
