namespace DistillGuard.Core.Log;

/// <summary>Supplies each file's batches to the merge, in file order; the merge hands each batch back when done with it.</summary>
internal interface IBatchFeed : IDisposable
{
    /// <summary>Lets the feed start reading file <paramref name="file"/> ahead of the merge (it joins the merge later).</summary>
    void Start(int file);

    /// <summary>The next batch of file <paramref name="file"/> (blocks until it is ready).</summary>
    ExchangeBatch Take(int file);

    /// <summary>Gives back a batch whose exchanges are no longer in use.</summary>
    void Return(int file, ExchangeBatch batch);
}
