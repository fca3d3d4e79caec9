namespace DistillGuard.Core.Engine;

/// <summary>Canonical order of a tick's exchanges: time, then account id, then what was asked.</summary>
internal sealed class PendingOrder : IComparer<PendingExchange>
{
    public static readonly PendingOrder Instance = new();

    public int Compare(PendingExchange x, PendingExchange y)
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
