using DistillGuard.Gateway.Features.Logging;

namespace DistillGuard.Gateway.Tests.Features.Logging;

/// <summary>The capped sink keeps what fits and, past the cap, the last bytes written, whatever the write sizes.</summary>
public sealed class ByteSinkTests
{
    [Theory]
    [InlineData(1024, 100)]
    [InlineData(1024, 5000)]
    [InlineData(1024, 20_000)]
    [InlineData(8192, 8000)]
    [InlineData(8192, 9000)]
    [InlineData(8192, 100_000)]
    public void CopyTail_WritesOfMixedSizes_HoldsTheLastBytesWrittenInOrder(int cap, int total)
    {
        var random = new Random(cap ^ total);
        var written = new byte[total];
        random.NextBytes(written);
        var sink = new ByteSink { Cap = cap };
        for (var at = 0; at < total;)
        {
            // Sizes from one byte to past the tail's length, so single writes wrap the ring and overrun it.
            var size = Math.Min(total - at, random.Next(1, 3 * ByteSink.TailBytes / 2));
            sink.Write(written.AsSpan(at, size));
            at += size;
        }

        var tail = new byte[ByteSink.TailBytes];
        var length = sink.CopyTail(tail);

        Assert.Equal(total > cap, sink.Truncated);
        Assert.Equal(Math.Min(cap, total), sink.Length);
        Assert.Equal(written.AsSpan(0, sink.Length).ToArray(), sink.Span.ToArray());
        Assert.Equal(Math.Min(total, ByteSink.TailBytes), length);
        Assert.Equal(written.AsSpan(total - length).ToArray(), tail.AsSpan(0, length).ToArray());
        sink.Reset();
        Assert.Equal(0, sink.CopyTail(tail));
    }
}
