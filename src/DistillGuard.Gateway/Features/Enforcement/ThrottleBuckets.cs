using System.Collections.Concurrent;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Enforcement;

/// <summary>
/// One token bucket per throttled account: <see cref="PolicyOptions.ThrottleBurst"/> tokens, refilled at
/// <see cref="PolicyOptions.ThrottleRequestsPerMinute"/>. Time comes from <see cref="TimeProvider"/>.
/// </summary>
internal sealed class ThrottleBuckets(IOptions<GatewayOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);
    private readonly double _perSecond = options.Value.Policy.ThrottleRequestsPerMinute / 60.0;
    private readonly int _burst = options.Value.Policy.ThrottleBurst;

    /// <summary>Takes one token; when none is left, says how long until the next one.</summary>
    public bool TryTake(string accountId, out TimeSpan retryAfter)
    {
        var bucket = _buckets.GetOrAdd(accountId, static (_, burst) => new Bucket(burst), _burst);
        var now = time.GetTimestamp();
        lock (bucket)
        {
            if (bucket.LastRefill != 0)
            {
                var elapsed = time.GetElapsedTime(bucket.LastRefill, now).TotalSeconds;
                bucket.Tokens = Math.Min(_burst, bucket.Tokens + elapsed * _perSecond);
            }

            bucket.LastRefill = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / _perSecond);
            return false;
        }
    }

    private sealed class Bucket(int burst)
    {
        public double Tokens = burst;
        public long LastRefill;
    }
}
