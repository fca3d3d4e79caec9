namespace DistillGuard.Gateway.Tests.Infrastructure;

/// <summary>A clock the test moves by hand; timers still run on the system clock (tests keep their intervals long).</summary>
internal sealed class ManualTimeProvider(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;
    private long _stepped;

    /// <summary>
    /// How far each <see cref="GetTimestamp"/> call moves the stopwatch (not the time of day), so that a duration
    /// measured between two calls is at least this long. None unless set.
    /// </summary>
    public TimeSpan TimestampStep { get; init; }

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    public override long GetTimestamp() => Interlocked.Read(ref _ticks) + Interlocked.Add(ref _stepped, TimestampStep.Ticks);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);

    public void Set(DateTimeOffset to) => Interlocked.Exchange(ref _ticks, to.UtcTicks);
}
