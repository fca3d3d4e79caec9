namespace DistillGuard.Core.Log;

/// <summary>Where the merge stands in one file: its current batch and the position of its head exchange.</summary>
internal sealed class FileCursor(int file)
{
    public int File { get; } = file;

    public ExchangeBatch? Batch { get; set; }

    public int Position { get; set; }

    /// <summary>Bad records of <see cref="Batch"/> already logged.</summary>
    public int BadIndex { get; set; }

    public bool Finished { get; set; }

    public bool HasHead => Batch is not null && Position < Batch.Count;

    public Exchange Head => Batch!.Items[Position];
}
