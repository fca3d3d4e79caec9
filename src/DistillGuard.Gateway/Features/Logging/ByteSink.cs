using System.Buffers;

namespace DistillGuard.Gateway.Features.Logging;

/// <summary>
/// A growable byte buffer on <see cref="ArrayPool{T}"/> with a cap: bytes past the cap are not kept, except the last
/// <see cref="TailBytes"/> of them, where a cut response still has its token usage (<see cref="CopyTail"/>).
/// Holds a request or response body from the request path until the log consumer has written it.
/// </summary>
internal sealed class ByteSink : IBufferWriter<byte>
{
    /// <summary>How many of the last bytes written a cut sink still holds.</summary>
    public const int TailBytes = 4096;

    private byte[] _buffer = [];
    private int _length;

    // Bytes past the cap, in a ring of TailBytes rented at the first cut; _overflow counts them all.
    private byte[]? _tail;
    private long _overflow;

    /// <summary>Most bytes kept; later writes set <see cref="Truncated"/> and reach only the tail (<see cref="CopyTail"/>).</summary>
    public int Cap { get; set; } = int.MaxValue;

    public int Length => _length;

    public bool Truncated { get; private set; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, _length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, _length);

    public void Write(ReadOnlySpan<byte> bytes)
    {
        var room = Cap - _length;
        if (bytes.Length > room)
        {
            Truncated = true;
            var kept = Math.Max(room, 0);
            KeepTail(bytes[kept..]);
            bytes = bytes[..kept];
        }

        if (bytes.IsEmpty)
        {
            return;
        }

        Ensure(bytes.Length);
        bytes.CopyTo(_buffer.AsSpan(_length));
        _length += bytes.Length;
    }

    public void Advance(int count) => _length += count;

    public Memory<byte> GetMemory(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 256));
        return _buffer.AsMemory(_length);
    }

    public Span<byte> GetSpan(int sizeHint = 0)
    {
        Ensure(Math.Max(sizeHint, 256));
        return _buffer.AsSpan(_length);
    }

    /// <summary>
    /// Copies the last bytes written, up to <see cref="TailBytes"/> of them, in order, into
    /// <paramref name="destination"/> (at least <see cref="TailBytes"/> long); returns how many.
    /// </summary>
    public int CopyTail(Span<byte> destination)
    {
        var fromRing = (int)Math.Min(_overflow, TailBytes);
        var fromBuffer = Math.Min(TailBytes - fromRing, _length);
        _buffer.AsSpan(_length - fromBuffer, fromBuffer).CopyTo(destination);
        if (fromRing > 0)
        {
            // The ring's oldest byte sits where the next one would go once it has wrapped.
            var start = (int)(_overflow % TailBytes);
            var ring = _tail.AsSpan(0, TailBytes);
            var older = fromRing == TailBytes ? ring[start..] : ring[..fromRing];
            older.CopyTo(destination[fromBuffer..]);
            if (fromRing == TailBytes)
            {
                ring[..start].CopyTo(destination[(fromBuffer + older.Length)..]);
            }
        }

        return fromBuffer + fromRing;
    }

    /// <summary>Returns the buffers to the pool and empties the sink for reuse.</summary>
    public void Reset()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        if (_tail is not null)
        {
            ArrayPool<byte>.Shared.Return(_tail);
            _tail = null;
        }

        _buffer = [];
        _length = 0;
        _overflow = 0;
        Truncated = false;
        Cap = int.MaxValue;
    }

    private void KeepTail(ReadOnlySpan<byte> bytes)
    {
        _tail ??= ArrayPool<byte>.Shared.Rent(TailBytes);
        if (bytes.Length >= TailBytes)
        {
            // Only the last TailBytes matter; place them as if written one by one.
            _overflow += bytes.Length - TailBytes;
            bytes = bytes[^TailBytes..];
        }

        var ring = _tail.AsSpan(0, TailBytes);
        var at = (int)(_overflow % TailBytes);
        var first = Math.Min(bytes.Length, TailBytes - at);
        bytes[..first].CopyTo(ring[at..]);
        bytes[first..].CopyTo(ring);
        _overflow += bytes.Length;
    }

    private void Ensure(int extra)
    {
        if (_length + extra <= _buffer.Length)
        {
            return;
        }

        var next = ArrayPool<byte>.Shared.Rent(Math.Max(_length + extra, Math.Max(_buffer.Length * 2, 4096)));
        _buffer.AsSpan(0, _length).CopyTo(next);
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = next;
    }
}
