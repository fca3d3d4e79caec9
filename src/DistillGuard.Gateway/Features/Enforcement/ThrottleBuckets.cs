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
    private volatile Rate _rate = new(options.Value.Policy);

    /// <summary>
    /// Takes the rate and burst of a reloaded configuration. Buckets keep the tokens they hold (at most the new
    /// burst), so a reload neither frees a throttled account at once nor holds it back more than the new rate says.
    /// </summary>
    public void Apply(PolicyOptions policy) => _rate = new Rate(policy);

    /// <summary>Takes one token; when none is left, says how long until the next one.</summary>
    public bool TryTake(string accountId, out TimeSpan retryAfter)
    {
        var rate = _rate;
        var bucket = _buckets.GetOrAdd(accountId, static (_, burst) => new Bucket(burst), rate.Burst);
        var now = time.GetTimestamp();
        lock (bucket)
        {
            if (bucket.LastRefill != 0)
            {
                var elapsed = time.GetElapsedTime(bucket.LastRefill, now).TotalSeconds;
                bucket.Tokens = Math.Min(rate.Burst, bucket.Tokens + elapsed * rate.PerSecond);
            }

            bucket.LastRefill = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                retryAfter = TimeSpan.Zero;
                return true;
            }

            retryAfter = TimeSpan.FromSeconds((1 - bucket.Tokens) / rate.PerSecond);
            return false;
        }
    }

    private sealed class Rate(PolicyOptions policy)
    {
        public double PerSecond { get; } = policy.ThrottleRequestsPerMinute / 60.0;

        public int Burst { get; } = policy.ThrottleBurst;
    }

    private sealed class Bucket(int burst)
    {
        public double Tokens = burst;
        public long LastRefill;
    }
}
