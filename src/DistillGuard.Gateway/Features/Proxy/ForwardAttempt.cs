using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Failover;
using DistillGuard.Gateway.Options;

namespace DistillGuard.Gateway.Features.Proxy;

/// <summary>One try at forwarding a request: where to, in which shapes, with which countermeasures, and what came of it.</summary>
internal sealed class ForwardAttempt(ForwardTarget target, ApiShape clientShape, CountermeasureSet? countermeasures, bool canRetry)
{
    public ForwardTarget Target { get; } = target;

    public ApiShape ClientShape { get; } = clientShape;

    /// <summary>
    /// The suspect's countermeasures; the request rewrite narrows them to the decoys it declared (one the client
    /// already declares itself is left out), so only those calls are stripped from the answer.
    /// </summary>
    public CountermeasureSet? Countermeasures { get; set; } = countermeasures;

    /// <summary>Whether a 5xx may be swallowed so the request can go to the fallback.</summary>
    public bool CanRetry { get; } = canRetry;

    public bool Translate => Target.Upstream.Shape != ClientShape;

    /// <summary>The response body must be rewritten (not copied byte for byte).</summary>
    public bool Rewrite => Translate || Countermeasures is not null;

    /// <summary>The request body this attempt sends (the client's bytes, or their rewrite for this upstream).</summary>
    public ReadOnlyMemory<byte> Body { get; set; }

    /// <summary>Set by the transformer when the upstream answered 5xx and the body was not sent.</summary>
    public bool RetryRequested { get; set; }

    /// <summary>Upstream status when <see cref="RetryRequested"/>.</summary>
    public int UpstreamStatus { get; set; }
}
