using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>Takes a verdict-count sample every <see cref="DashboardOptions.SampleIntervalSeconds"/>.</summary>
internal sealed class VerdictSampler(VerdictHistory history, IOptions<DashboardOptions> options, TimeProvider time) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.SampleIntervalSeconds), time);
        history.Sample();
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                history.Sample();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
