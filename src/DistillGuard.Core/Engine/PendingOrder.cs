namespace DistillGuard.Core.Engine;

/// <summary>
/// Canonical order of a tick's exchanges: time, then account id, then what was asked. Sorts positions in the pending
/// buffer rather than the exchanges themselves, so a batch costs four bytes an exchange to order and no exchange is
/// copied while sorting.
/// </summary>
internal readonly struct PendingOrder(ChunkedList<PendingExchange> pending) : IComparer<int>
{
    public int Compare(int x, int y) => Compare(in pending[x], in pending[y]);

    private static int Compare(in PendingExchange x, in PendingExchange y)
    {
        var c = x.Ticks.CompareTo(y.Ticks);
        if (c != 0)
        {
            return c;
        }

        c = string.CompareOrdinal(x.Account.Id, y.Account.Id);
        if (c != 0)
        {
            return c;
        }

        c = x.Features.TemplateId.CompareTo(y.Features.TemplateId);
        if (c != 0)
        {
            return c;
        }

        c = x.Features.Sketch.CompareTo(y.Features.Sketch);
        return c != 0 ? c : x.IpHash.CompareTo(y.IpHash);
    }
}
