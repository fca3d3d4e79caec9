namespace DistillGuard.Core.Log;

/// <summary>
/// The per-file reorder window's order: exchanges by (timestamp, line), so slightly out-of-order lines come back in
/// time order and ties on timestamp keep line order (deterministic output).
/// </summary>
internal readonly struct LineOrder : IHeapOrder<Exchange>
{
    public static bool Before(Exchange a, Exchange b) =>
        a.Timestamp < b.Timestamp || (a.Timestamp == b.Timestamp && a.SourceLine < b.SourceLine);
}
