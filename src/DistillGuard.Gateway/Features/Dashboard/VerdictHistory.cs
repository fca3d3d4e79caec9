using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Detection;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>
/// A bounded ring of verdict-count samples taken from the verdict board (the verdicts the gateway enforces,
/// overrides included). Readers get copies; <see cref="Sampled"/> wakes the dashboard's event streams.
/// </summary>
internal sealed class VerdictHistory(VerdictBoard board, IOptions<DashboardOptions> options, TimeProvider time)
{
    private readonly VerdictSample[] _ring = new VerdictSample[options.Value.HistorySamples];
    private readonly Lock _lock = new();
    private int _count;
    private int _next;

    /// <summary>Raised after each new sample, on the sampling thread.</summary>
    public event Action<VerdictSample>? Sampled;

    public VerdictSample Sample()
    {
        var sample = Count();
        lock (_lock)
        {
            _ring[_next] = sample;
            _next = (_next + 1) % _ring.Length;
            _count = Math.Min(_count + 1, _ring.Length);
        }

        Sampled?.Invoke(sample);
        return sample;
    }

    public VerdictSample[] Snapshot()
    {
        lock (_lock)
        {
            var copy = new VerdictSample[_count];
            var start = (_next - _count + _ring.Length) % _ring.Length;
            for (var i = 0; i < _count; i++)
            {
                copy[i] = _ring[(start + i) % _ring.Length];
            }

            return copy;
        }
    }

    private VerdictSample Count()
    {
        int review = 0, throttle = 0, block = 0, overridden = 0;
        long version = 0;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var status in board.EngineStatuses())
        {
            seen.Add(status.AccountId);
        }

        foreach (var manual in board.Overrides())
        {
            seen.Add(manual.AccountId);
            overridden++;
        }

        // Refused before the engine has published anything for them (no request yet): enforced all the same.
        foreach (var standing in board.Standings())
        {
            seen.Add(standing.AccountId);
        }

        foreach (var account in seen)
        {
            var verdict = board.Effective(account);
            switch (verdict)
            {
                case Verdict.Review: review++; break;
                case Verdict.Throttle: throttle++; break;
                case Verdict.Block: block++; break;
            }

            // Order-independent fingerprint of (account, verdict, overridden): a sum of per-account hashes.
            version += HashCode.Combine(account, verdict, board.Override(account) is null);
        }

        return new VerdictSample(time.GetUtcNow().UtcDateTime, review, throttle, block, overridden, version);
    }
}
