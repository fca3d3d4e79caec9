using DistillGuard.Gateway.Features.Admin;
using DistillGuard.Gateway.Features.Detection;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>
/// The rendered findings fragment, rebuilt at most once a second however many browsers poll: building findings
/// runs on the engine thread, and the engine's time is for traffic. An override from the dashboard invalidates it.
/// </summary>
internal sealed class DashboardFindingsCache(AdminService admin, VerdictBoard board, TimeProvider time)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Html, string ETag, DateTimeOffset BuiltAt)? _current;

    public async Task<(string Html, string ETag)> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_current is not { } cached || time.GetUtcNow() - cached.BuiltAt >= MaxAge)
            {
                var html = DashboardFragment.Render(await admin.FindingsAsync(cancellationToken).ConfigureAwait(false), board);
                cached = (html, DashboardFragment.ETag(html), time.GetUtcNow());
                _current = cached;
            }

            return (cached.Html, cached.ETag);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Invalidate() => _current = null;
}
