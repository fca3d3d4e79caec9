namespace DistillGuard.Core.Log;

/// <summary>
/// Min-heap of exchanges by (timestamp, line): the per-file reorder window that puts slightly out-of-order lines
/// back in time order. Ties on timestamp keep line order, so the output is deterministic.
/// </summary>
internal sealed class ReorderBuffer
{
    private Exchange[] _items;

    public ReorderBuffer(int capacity) => _items = new Exchange[Math.Max(4, capacity + 1)];

    public int Count { get; private set; }

    public Exchange Peek() => _items[0];

    public void Push(Exchange item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!Before(item, _items[parent]))
            {
                break;
            }

            _items[i] = _items[parent];
            i = parent;
        }

        _items[i] = item;
    }

    public Exchange Pop()
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

    private static bool Before(Exchange a, Exchange b) =>
        a.Timestamp < b.Timestamp || (a.Timestamp == b.Timestamp && a.SourceLine < b.SourceLine);
}
