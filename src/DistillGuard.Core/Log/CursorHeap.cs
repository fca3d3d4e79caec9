namespace DistillGuard.Core.Log;

/// <summary>Min-heap of file cursors by their head exchange's (timestamp, file, line): the k-way merge's order.</summary>
internal sealed class CursorHeap(int capacity)
{
    private readonly FileCursor[] _items = new FileCursor[Math.Max(1, capacity)];

    public int Count { get; private set; }

    public Exchange PeekHead() => _items[0].Head;

    public void Push(FileCursor cursor)
    {
        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Before(cursor, _items[parent]))
            {
                break;
            }

            _items[i] = _items[parent];
            i = parent;
        }

        _items[i] = cursor;
    }

    public FileCursor Pop()
    {
        var top = _items[0];
        var last = _items[--Count];
        _items[Count] = null!;
        if (Count > 0)
        {
            var i = 0;
            while (true)
            {
                var child = (2 * i) + 1;
                if (child >= Count)
                {
                    break;
                }

                if (child + 1 < Count && Before(_items[child + 1], _items[child]))
                {
                    child++;
                }

                if (!Before(_items[child], last))
                {
                    break;
                }

                _items[i] = _items[child];
                i = child;
            }

            _items[i] = last;
        }

        return top;
    }

    private static bool Before(FileCursor a, FileCursor b)
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
