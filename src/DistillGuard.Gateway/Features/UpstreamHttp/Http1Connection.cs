using System.Net.Sockets;

namespace DistillGuard.Gateway.Features.UpstreamHttp;

/// <summary>
/// One keep-alive HTTP/1.1 connection to an upstream: its socket and the receive buffer that response heads and body
/// bytes are read through. Used by one exchange at a time; the pool holds it between exchanges.
/// </summary>
internal sealed class Http1Connection : IDisposable
{
    /// <summary>The receive buffer's size, and so the longest response head or chunk line accepted.</summary>
    public const int BufferSize = 16 * 1024;

    private readonly Socket _socket;
    private readonly Http1ConnectionPool _pool;
    private readonly byte[] _buffer = GC.AllocateUninitializedArray<byte>(BufferSize);
    private int _start;
    private int _end;
    private bool _disposed;

    public Http1Connection(Socket socket, Http1ConnectionPool pool)
    {
        _socket = socket;
        _pool = pool;
    }

    /// <summary>When the connection went back to the pool (a <see cref="TimeProvider"/> timestamp).</summary>
    public long IdleSince { get; set; }

    /// <summary>Whether the connection may carry another exchange once this response has been read to its end.</summary>
    public bool KeepAlive { get; set; }

    /// <summary>Whether any byte of the current exchange's response has arrived (a reused connection that the server
    /// closed before answering can be retried on a fresh one: the request never reached the application).</summary>
    public bool ResponseStarted { get; private set; }

    /// <summary>The unread bytes in the receive buffer.</summary>
    public ReadOnlySpan<byte> Buffered => _buffer.AsSpan(_start, _end - _start);

    public int BufferedCount => _end - _start;

    /// <summary>Starts a new exchange on this connection.</summary>
    public void BeginExchange() => ResponseStarted = false;

    public async ValueTask SendAsync(ReadOnlyMemory<byte> data, CancellationToken cancellationToken)
    {
        while (!data.IsEmpty)
        {
            var sent = await _socket.SendAsync(data, SocketFlags.None, cancellationToken).ConfigureAwait(false);
            data = data[sent..];
        }
    }

    /// <summary>Consumes <paramref name="count"/> buffered bytes.</summary>
    public void Advance(int count) => _start += count;

    /// <summary>Copies up to <paramref name="destination"/>'s length of buffered bytes into it.</summary>
    public int TakeBuffered(Span<byte> destination)
    {
        var count = Math.Min(destination.Length, _end - _start);
        _buffer.AsSpan(_start, count).CopyTo(destination);
        _start += count;
        return count;
    }

    /// <summary>Reads more bytes into the buffer (moving what is unread to its front when the end is reached).
    /// Returns 0 at the end of the stream; throws when the buffer is already full of unread bytes.</summary>
    public async ValueTask<int> FillAsync(CancellationToken cancellationToken)
    {
        if (_start == _end)
        {
            _start = _end = 0;
        }
        else if (_end == _buffer.Length)
        {
            if (_start == 0)
            {
                throw new HttpRequestException(HttpRequestError.ResponseEnded, $"The upstream sent a response head or chunk line longer than {BufferSize} bytes.");
            }

            _buffer.AsSpan(_start, _end - _start).CopyTo(_buffer);
            _end -= _start;
            _start = 0;
        }

        var received = await _socket.ReceiveAsync(_buffer.AsMemory(_end), SocketFlags.None, cancellationToken).ConfigureAwait(false);
        _end += received;
        ResponseStarted |= received > 0;
        return received;
    }

    /// <summary>Receives straight into the caller's memory (used when nothing is buffered, to skip a copy).</summary>
    public async ValueTask<int> ReceiveAsync(Memory<byte> destination, CancellationToken cancellationToken)
    {
        var received = await _socket.ReceiveAsync(destination, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        ResponseStarted |= received > 0;
        return received;
    }

    /// <summary>Reads one CRLF- (or LF-) terminated line; returns its position in the buffer, without the line end,
    /// and consumes it. The span stays valid until the next read.</summary>
    public async ValueTask<(int Start, int Length)> ReadLineAsync(CancellationToken cancellationToken)
    {
        var searched = 0;
        while (true)
        {
            var newline = _buffer.AsSpan(_start + searched, _end - _start - searched).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                var lineStart = _start;
                var length = searched + newline;
                _start += length + 1;
                if (length > 0 && _buffer[lineStart + length - 1] == (byte)'\r')
                {
                    length--;
                }

                return (lineStart, length);
            }

            searched = _end - _start;
            if (await FillAsync(cancellationToken).ConfigureAwait(false) == 0)
            {
                throw new IOException("The upstream closed the connection in the middle of a chunked response body.");
            }
        }
    }

    public ReadOnlySpan<byte> Slice(int start, int length) => _buffer.AsSpan(start, length);

    /// <summary>Whether the peer has closed the connection (or sent something unasked) while it sat in the pool.</summary>
    public bool IsUnusable()
    {
        try
        {
            return _socket.Poll(0, SelectMode.SelectRead);
        }
        catch (SocketException)
        {
            return true;
        }
        catch (ObjectDisposedException)
        {
            return true;
        }
    }

    /// <summary>The response has been read to its end: back to the pool if it can carry another exchange.</summary>
    public void Release()
    {
        if (KeepAlive && _start == _end && !_disposed)
        {
            _pool.Return(this);
        }
        else
        {
            Dispose();
        }
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _socket.Dispose();
    }
}
