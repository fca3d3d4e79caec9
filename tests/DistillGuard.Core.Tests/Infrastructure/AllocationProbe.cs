namespace DistillGuard.Core.Tests.Infrastructure;

/// <summary>
/// Measures what a warmed-up piece of code allocates on the calling thread. On a loaded machine a tier-1
/// recompile or an on-stack replacement can bill a one-off allocation to the measuring thread mid-window
/// (CI saw 6,336 bytes once); a real per-call allocation dirties every window, so the fewest bytes over a few
/// windows is the honest figure.
/// </summary>
internal static class AllocationProbe
{
    private const int Windows = 3;

    public static long FewestBytesPerWindow(Action window)
    {
        ArgumentNullException.ThrowIfNull(window);
        var fewest = long.MaxValue;
        for (var i = 0; i < Windows && fewest > 0; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            window();
            fewest = Math.Min(fewest, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return fewest;
    }
}
