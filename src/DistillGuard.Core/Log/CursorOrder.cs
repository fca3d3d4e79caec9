namespace DistillGuard.Core.Log;

/// <summary>The k-way merge's order: file cursors by their head exchange's (timestamp, file, line).</summary>
internal readonly struct CursorOrder : IHeapOrder<FileCursor>
{
    public static bool Before(FileCursor a, FileCursor b)
    {
        var x = a.Head;
        var y = b.Head;
        if (x.Timestamp != y.Timestamp)
        {
            return x.Timestamp < y.Timestamp;
        }

        return a.File != b.File ? a.File < b.File : x.SourceLine < y.SourceLine;
    }
}
