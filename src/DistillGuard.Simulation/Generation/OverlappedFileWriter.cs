using System.Buffers;

namespace DistillGuard.Simulation.Generation;

/// <summary>
/// Writes one filled buffer to the current file on a background task while the caller fills the other. Compressing
/// a day file at gzip's default level costs about as much CPU as generating its traffic; overlapping the two keeps
/// <c>simulate</c> near its generation time on two cores. The bytes reach each file in the order they were written,
/// so the output is the same as a serial write's.
/// </summary>
internal sealed class OverlappedFileWriter(int capacity) : IDisposable
{
    private ArrayBufferWriter<byte> _filling = new(capacity);
    private ArrayBufferWriter<byte> _writing = new(capacity);
    private Stream? _file;
    private Task _write = Task.CompletedTask;

    /// <summary>The buffer to append to; it changes after every <see cref="Drain"/>.</summary>
    public ArrayBufferWriter<byte> Buffer => _filling;

    /// <summary>Hands what <see cref="Buffer"/> holds to the background write; returns its length.</summary>
    public long Drain()
    {
        var length = _filling.WrittenCount;
        if (length == 0)
        {
            return 0;
        }

        // Rethrows a failed write here, on the generating thread.
        _write.GetAwaiter().GetResult();
        (_filling, _writing) = (_writing, _filling);
        _filling.ResetWrittenCount();
        if (_file is { } file)
        {
            var filled = _writing;
            _write = Task.Run(() => file.Write(filled.WrittenSpan));
        }

        return length;
    }

    /// <summary>Drains, waits for the file's last write, closes it, and makes <paramref name="next"/> the current file.</summary>
    public long SwitchTo(Stream? next)
    {
        var length = Drain();
        Close();
        _file = next;
        return length;
    }

    /// <summary>Hands over what <see cref="Buffer"/> still holds and closes the current file.</summary>
    public void Dispose() => SwitchTo(null);

    private void Close()
    {
        try
        {
            _write.GetAwaiter().GetResult();
        }
        finally
        {
            _file?.Dispose();
            _file = null;
        }
    }
}
