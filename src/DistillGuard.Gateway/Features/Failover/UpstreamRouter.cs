using DistillGuard.Core.Log;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Failover;

/// <summary>
/// Picks where a request goes: the highest-priority (lowest <c>Priority</c>) upstream serving its model, or — when
/// that upstream is unhealthy or the model is suspended there — the configured fallback chain. Also yields the next
/// fallback when a chosen target fails before answering.
/// </summary>
internal sealed class UpstreamRouter
{
    private readonly Upstream[] _upstreams;
    private readonly Dictionary<string, Upstream> _byName;

    public UpstreamRouter(IOptions<GatewayOptions> options)
    {
        var o = options.Value;
        _upstreams = [.. o.Upstreams.Select(u => new Upstream(u, o.UnhealthyAfterFailures)).OrderBy(static u => u.Options.Priority)];
        _byName = _upstreams.ToDictionary(static u => u.Name, StringComparer.Ordinal);
    }

    public IReadOnlyList<Upstream> Upstreams => _upstreams;

    public bool ServesModel(string model)
    {
        foreach (var upstream in _upstreams)
        {
            if (upstream.Serves(model))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// First target for <paramref name="model"/>: the usable upstream serving it with the lowest priority value, and
    /// among those of equal priority one of the client's own shape (no translation). When none is usable, the fallback
    /// chain of the first that serves it; null when nothing can take the request.
    /// </summary>
    public ForwardTarget? Route(string model, ApiShape clientShape)
    {
        Upstream? best = null;
        foreach (var upstream in _upstreams)
        {
            if (best is not null && upstream.Options.Priority > best.Options.Priority)
            {
                break;
            }

            if (upstream.Serves(model) && upstream.Healthy && !upstream.IsSuspended(model) && (best is null || best.Shape != clientShape && upstream.Shape == clientShape))
            {
                best = upstream;
            }
        }

        if (best is not null)
        {
            return new ForwardTarget(best, model, null);
        }

        // No usable upstream serves it: start from the first that does, along its fallback chain.
        var primary = Array.Find(_upstreams, u => u.Serves(model));
        if (primary is null)
        {
            return null;
        }

        var reason = primary.IsSuspended(model) ? $"model {model} suspended on {primary.Name}" : $"upstream {primary.Name} unhealthy";
        return NextAfter(new ForwardTarget(primary, model, reason), reason, requireHealthy: true);
    }

    /// <summary>The fallback of <paramref name="failed"/>, following the chain past unusable ones; null when none.</summary>
    public ForwardTarget? NextAfter(ForwardTarget failed, string reason, bool requireHealthy)
    {
        var current = failed.Upstream;
        for (var hops = 0; hops < _upstreams.Length && current.Options.Fallback is { } fallback; hops++)
        {
            if (!_byName.TryGetValue(fallback.Upstream, out var next))
            {
                return null;
            }

            var model = fallback.Model ?? (next.Serves(failed.Model) ? failed.Model : next.Options.Models[0]);
            if ((!requireHealthy || next.Healthy) && !next.IsSuspended(model))
            {
                return new ForwardTarget(next, model, reason);
            }

            current = next;
        }

        return null;
    }
}
