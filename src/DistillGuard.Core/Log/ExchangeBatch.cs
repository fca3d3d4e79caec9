namespace DistillGuard.Core.Log;

/// <summary>
/// A run of exchanges from one file, in that file's (reordered) order, handed from a parsing thread to the merge.
/// Batches are recycled: each owns <see cref="Capacity"/> exchange instances that circulate through the file's
/// reorder window, so steady-state reading allocates no exchange objects.
/// </summary>
internal sealed class ExchangeBatch
{
    public ExchangeBatch(int capacity)
    {
        Items = new Exchange[capacity];
        for (var i = 0; i < capacity; i++)
        {
            Items[i] = new Exchange();
        }
    }

    public Exchange[] Items { get; }

    public int Capacity => Items.Length;

    public int Count { get; set; }

    public List<PendingBadRecord> BadRecords { get; } = [];

    /// <summary>The file has nothing after this batch.</summary>
    public bool IsLast { get; set; }

    public void Clear()
    {
        Count = 0;
        BadRecords.Clear();
        IsLast = false;
    }
}
