namespace DistillGuard.Core.Log;

/// <summary>The order of a <see cref="MinHeap{T, TOrder}"/>; a struct so the comparison inlines on the merge's hot path.</summary>
internal interface IHeapOrder<in T>
{
    static abstract bool Before(T a, T b);
}

/// <summary>Binary min-heap over an array that grows when full; used for the k-way merge and the per-file reorder window.</summary>
internal sealed class MinHeap<T, TOrder>(int capacity)
    where T : class
    where TOrder : struct, IHeapOrder<T>
{
    private T[] _items = new T[Math.Max(4, capacity)];

    public int Count { get; private set; }

    public T Peek() => _items[0];

    public void Push(T item)
    {
        if (Count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        var i = Count++;
        while (i > 0)
        {
            var parent = (i - 1) >> 1;
            if (!TOrder.Before(item, _items[parent]))
            {
                break;
            }

            _items[i] = _items[parent];
            i = parent;
        }

        _items[i] = item;
    }

    public T Pop()
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

                if (child + 1 < Count && TOrder.Before(_items[child + 1], _items[child]))
                {
                    child++;
                }

                if (!TOrder.Before(_items[child], last))
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
}
