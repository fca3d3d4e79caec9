namespace DistillGuard.Core.Engine;

/// <summary>
/// An append-only list kept in fixed-size chunks. A tick's pending exchanges are added one at a time and read
/// once, in order; a <see cref="List{T}"/> would copy everything it holds each time it doubled — with write
/// barriers, since the items hold references — which in a busy live gateway's first tick was the engine's
/// largest cost per exchange. Cleared chunks are kept for the next tick.
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
            _chunks.Add(new T[ChunkSize]);
        }

        _chunks[chunk][_count % ChunkSize] = item;
        _count++;
    }

    /// <summary>Empties the list; its chunks are cleared (so it holds no references) and kept.</summary>
    public void Clear()
    {
        // Only the used part of the last chunk: a replay's lists hold a few dozen items at a time, and clearing
        // whole chunks (≈ 300 KB of pending exchanges each) on every application was ≈ 1 % of a scan's CPU.
        for (var i = 0; i * ChunkSize < _count; i++)
        {
            Array.Clear(_chunks[i], 0, Math.Min(ChunkSize, _count - (i * ChunkSize)));
        }

        _count = 0;
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
