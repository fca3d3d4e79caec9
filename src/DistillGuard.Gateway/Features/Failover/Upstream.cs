using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Options;

namespace DistillGuard.Gateway.Features.Failover;

/// <summary>A configured upstream with its health, shared by the router, the prober and the forwarder.</summary>
internal sealed class Upstream(UpstreamOptions options, int unhealthyAfter)
{
    private int _consecutiveFailures;
    private Uri? _requestUri;

    public UpstreamOptions Options { get; } = options;

    public string Name => Options.Name;

    public ApiShape Shape { get; } = LogNames.ParseApi(options.Api);

    /// <summary>Base URL without a trailing slash.</summary>
    public string BaseUrl { get; } = options.BaseUrl.TrimEnd('/');

    public string Path => Shape == ApiShape.OpenAIChat ? "/v1/chat/completions" : "/v1/messages";

    /// <summary>The failover reason when a request to this upstream fails (made once, not per request).</summary>
    public string FailedReason { get; } = $"upstream {options.Name} failed";

    /// <summary>The model API's address at this upstream, parsed once (a <see cref="Uri"/> is immutable and shareable).</summary>
    public Uri RequestUri => _requestUri ??= new Uri(BaseUrl + Path);

    /// <summary>
    /// Time each forward to this upstream took, from sending the request to the last byte of its answer passed on
    /// (failed tries included): the request-duration histogram less this is the gateway's own share.
    /// </summary>
    public LatencyHistogram Duration { get; } = new();

    public bool Healthy => Volatile.Read(ref _consecutiveFailures) < unhealthyAfter;

    public bool Serves(string model) => Options.Models.Contains(model, StringComparer.Ordinal);

    public bool IsSuspended(string model) => Options.SuspendedModels.Contains(model, StringComparer.Ordinal);

    /// <summary>Counts a failure; true when this one made the upstream unhealthy.</summary>
    public bool ReportFailure() => Interlocked.Increment(ref _consecutiveFailures) == unhealthyAfter;

    /// <summary>Counts a success; true when the upstream was unhealthy before.</summary>
    public bool ReportSuccess() => Interlocked.Exchange(ref _consecutiveFailures, 0) >= unhealthyAfter;
}
