using System.Runtime.InteropServices;
using DistillGuard.Gateway.Features.Operations;

namespace DistillGuard.Gateway.Features.Reload;

/// <summary>
/// SIGHUP reloads the configuration (<see cref="ConfigReloader"/>), as it does for nginx and most daemons, instead of
/// ending the process (the signal's default action).
/// </summary>
internal sealed class ReloadOnHangup(ConfigReloader reloader, ILogger<ReloadOnHangup> logger) : IHostedService, IDisposable
{
    private PosixSignalRegistration? _registration;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!OperatingSystem.IsWindows())
        {
            _registration = PosixSignalRegistration.Create(PosixSignal.SIGHUP, context =>
            {
                context.Cancel = true;
                // Off the signal thread: a reload reads files.
                _ = Task.Run(async () =>
                {
                    try
                    {
                        await reloader.ReloadAsync("SIGHUP", CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception ex)
                    {
                        // Nothing awaits this task: say what failed rather than lose it; the settings in force stay.
                        Log.ConfigReloadFailed(logger, ex);
                    }
                });
            });
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        _registration?.Dispose();
        _registration = null;
    }
}
