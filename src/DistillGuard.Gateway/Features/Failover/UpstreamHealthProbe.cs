using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Failover;

/// <summary>Probes each upstream's health path every <see cref="GatewayOptions.HealthCheckIntervalSeconds"/>.</summary>
internal sealed class UpstreamHealthProbe(
    UpstreamRouter router,
    UpstreamClient client,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<UpstreamHealthProbe> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.HealthCheckIntervalSeconds), time);
        try
        {
            // Upstreams start healthy; the first probe is one interval in, so start-up never waits on the network.
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await ProbeAllAsync(stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    /// <summary>One round of probes (also called by tests and the admin API).</summary>
    public async Task ProbeAllAsync(CancellationToken cancellationToken)
    {
        foreach (var upstream in router.Upstreams)
        {
            if (string.IsNullOrEmpty(upstream.Options.HealthPath))
            {
                continue;
            }

            bool ok;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Get, upstream.BaseUrl + upstream.Options.HealthPath);
                using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                timeout.CancelAfter(TimeSpan.FromSeconds(2));
                using var response = await client.Invoker.SendAsync(request, timeout.Token).ConfigureAwait(false);
                ok = response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
            {
                ok = false;
            }

            Report(upstream, ok);
        }
    }

    /// <summary>Records a probe or forwarding outcome, logging transitions.</summary>
    public void Report(Upstream upstream, bool ok)
    {
        if (ok)
        {
            if (upstream.ReportSuccess())
            {
                Log.UpstreamRecovered(logger, upstream.Name);
            }
        }
        else if (upstream.ReportFailure())
        {
            Log.UpstreamUnhealthy(logger, upstream.Name, options.Value.UnhealthyAfterFailures);
        }
    }
}
