namespace DistillGuard.Core.Engine;

/// <summary>
/// A list kept in fixed-size chunks. A tick's pending exchanges are added one at a time, read in order, and those
/// still pending are moved down in place (<see cref="Truncate"/> drops the rest); a <see cref="List{T}"/> would copy
/// everything it holds each time it doubled — with write barriers, since the items hold references — which in a
/// busy live gateway's first tick was the engine's largest cost per exchange. Cleared chunks are kept for the next tick.
/// </summary>
internal sealed class ChunkedList<T>
{
    private const int ChunkSize = 1024;
    private readonly List<T[]> _chunks = [];
    private int _count;

    public int Count => _count;

    public void Add(in T item)
    {
        var chunk = _count / ChunkSize;
        if (chunk == _chunks.Count)
        {
            _chunks.Add(FreshPages.Allocate<T>(ChunkSize));
        }

        _chunks[chunk][_count % ChunkSize] = item;
        _count++;
    }

    /// <summary>The item at <paramref name="index"/>, for rewriting in place (below <see cref="Count"/>).</summary>
    public ref T this[int index]
    {
        get
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual((uint)index, (uint)_count, nameof(index));
            return ref _chunks[index / ChunkSize][index % ChunkSize];
        }
    }

    /// <summary>Empties the list; its chunks are cleared (so it holds no references) and kept.</summary>
    public void Clear() => Truncate(0);

    /// <summary>Keeps the first <paramref name="count"/> items; the slots after them are cleared and their chunks kept.</summary>
    public void Truncate(int count)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan((uint)count, (uint)_count, nameof(count));

        // Only the used part of the last chunk: a replay's lists hold a few dozen items at a time, and clearing
        // whole chunks (≈ 300 KB of pending exchanges each) on every application was ≈ 1 % of a scan's CPU.
        for (var i = count; i < _count;)
        {
            var chunk = i / ChunkSize;
            var offset = i % ChunkSize;
            var length = Math.Min(ChunkSize - offset, _count - i);
            Array.Clear(_chunks[chunk], offset, length);
            i += length;
        }

        _count = count;
    }

    /// <summary>Lets go of the chunks an empty list keeps.</summary>
    public void TrimExcess()
    {
        var used = (_count + ChunkSize - 1) / ChunkSize;
        _chunks.RemoveRange(used, _chunks.Count - used);
        _chunks.TrimExcess();
    }

    public Enumerator GetEnumerator() => new(this);

    /// <summary>Reads the items in the order they were added.</summary>
    public ref struct Enumerator(ChunkedList<T> list)
    {
        private int _index = -1;

        public readonly ref readonly T Current => ref list._chunks[_index / ChunkSize][_index % ChunkSize];

        public bool MoveNext() => ++_index < list._count;
    }
}
