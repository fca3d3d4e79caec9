using System.Net.Sockets;

namespace DistillGuard.Gateway.Features.UpstreamHttp;

/// <summary>
/// A response body read off an <see cref="Http1Connection"/>. Read to its end, it hands the connection back to the
/// pool; disposed earlier, or failing, it closes the connection (what is left of the body cannot be skipped cheaply).
/// </summary>
internal abstract class Http1BodyStream : Stream
{
    private bool _finished;

    protected Http1BodyStream(Http1Connection connection) => Connection = connection;

    protected Http1Connection Connection { get; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public sealed override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_finished || buffer.IsEmpty)
        {
            return 0;
        }

        try
        {
            return await ReadCoreAsync(buffer, cancellationToken).ConfigureAwait(false);
        }
        catch (SocketException ex)
        {
            Abort();
            throw new IOException($"Reading the upstream's response body failed: {ex.Message}", ex);
        }
        catch
        {
            Abort();
            throw;
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) =>
        ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    /// <summary>Reads the next bytes of the body; 0 only after <see cref="Finish"/>.</summary>
    protected abstract ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>The body has been read to its end.</summary>
    protected void Finish()
    {
        if (!_finished)
        {
            _finished = true;
            Connection.Release();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            Abort();
        }

        base.Dispose(disposing);
    }

    private void Abort()
    {
        if (!_finished)
        {
            _finished = true;
            Connection.Dispose();
        }
    }
}
