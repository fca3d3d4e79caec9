using System.Buffers;

namespace DistillGuard.Gateway.Features.Logging;

/// <summary>
/// A growable byte buffer on <see cref="ArrayPool{T}"/> with a cap: bytes past the cap are counted, not kept.
/// Holds a request or response body from the request path until the log consumer has written it.
/// </summary>
internal sealed class ByteSink : IBufferWriter<byte>
{
    private byte[] _buffer = [];
    private int _length;

    /// <summary>Most bytes kept; later writes only set <see cref="Truncated"/>.</summary>
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
            bytes = bytes[..Math.Max(room, 0)];
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

    /// <summary>Returns the buffer to the pool and empties the sink for reuse.</summary>
    public void Reset()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
        }

        _buffer = [];
        _length = 0;
        Truncated = false;
        Cap = int.MaxValue;
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
