using System.Collections.Concurrent;
using DistillGuard.Core.Engine;

namespace DistillGuard.Gateway.Features.Operations;

/// <summary>
/// The gateway's counters, gauges and latency histograms (one per API shape), updated lock-free on the request path and rendered in
/// Prometheus text format by <see cref="PrometheusTextWriter"/>.
/// </summary>
internal sealed class GatewayMetrics
{
    private readonly long[] _requestsByApi = new long[3];
    private readonly ConcurrentDictionary<int, StrongBox<long>> _responsesByStatus = new();
    private readonly long[] _verdictChanges = new long[4];
    private readonly long[] _accountsByVerdict = new long[4];
    private readonly long[] _enforcements = new long[Enum.GetValues<EnforcementAction>().Length];
    // One request-duration histogram per API shape, indexed as _requestsByApi.
    private readonly LatencyHistogram[] _requestDuration = [new(), new(), new()];
    private readonly LatencyHistogram _engineTicks = new();
    private readonly LatencyHistogram _engineReclusterings = new();

    public long Unauthenticated;
    public long Malformed;
    public long TooLarge;
    public long Failovers;
    public long UpstreamErrors;
    public long LogRecordsWritten;
    public long LogBackpressureWaits;
    public long LogResponsesTruncated;
    public long LogRecordsFailed;
    public long FlaggedNetworkRequests;
    public long LogFilesCompressed;
    public long LogFilesCompressionFailed;
    public long ConfigReloadsApplied;
    public long ConfigReloadsRejected;

    /// <summary>Reads the current queue depth; set by the exchange log pipeline.</summary>
    public Func<int> QueueDepth { get; set; } = static () => 0;

    public int QueueCapacity { get; set; }

    /// <summary>Reads how many exchanges the engine buffers before applying them; set with the engine.</summary>
    public Func<int> EngineBufferedExchanges { get; set; } = static () => 0;

    /// <summary>Reads how many accounts the engine tracks; set with the engine.</summary>
    public Func<int> EngineTrackedAccounts { get; set; } = static () => 0;

    /// <summary>
    /// The live engine's options, read for the thresholds and risk model in force (a reload changes them on the engine
    /// thread; a reader may see a threshold a moment late, never a torn one); set with the engine.
    /// </summary>
    public DetectionOptions? EngineOptions { get; set; }

    /// <summary>Reads how many accounts stand refused before the engine has judged them; set with the verdict board.</summary>
    public Func<int> StandingAccounts { get; set; } = static () => 0;

    public void CountRequest(int apiIndex) => Interlocked.Increment(ref _requestsByApi[apiIndex]);

    public void CountResponse(int apiIndex, int status, double seconds)
    {
        Interlocked.Increment(ref _responsesByStatus.GetOrAdd(status, static _ => new StrongBox<long>()).Value);
        _requestDuration[apiIndex].Record(seconds);
    }

    public void CountEnforcement(EnforcementAction action) => Interlocked.Increment(ref _enforcements[(int)action]);

    /// <summary>Called on the engine thread when an account moves from one verdict to another.</summary>
    public void CountVerdictChange(Verdict from, Verdict to, bool isNewAccount)
    {
        Interlocked.Increment(ref _verdictChanges[(int)to]);
        if (!isNewAccount)
        {
            Interlocked.Decrement(ref _accountsByVerdict[(int)from]);
        }

        Interlocked.Increment(ref _accountsByVerdict[(int)to]);
    }

    public long RequestsFor(int apiIndex) => Volatile.Read(ref _requestsByApi[apiIndex]);

    public long VerdictChangesTo(Verdict verdict) => Volatile.Read(ref _verdictChanges[(int)verdict]);

    public long AccountsWith(Verdict verdict) => Volatile.Read(ref _accountsByVerdict[(int)verdict]);

    public long Enforcements(EnforcementAction action) => Volatile.Read(ref _enforcements[(int)action]);

    public IEnumerable<KeyValuePair<int, long>> ResponsesByStatus()
    {
        foreach (var pair in _responsesByStatus)
        {
            yield return new KeyValuePair<int, long>(pair.Key, Volatile.Read(ref pair.Value.Value));
        }
    }

    /// <summary>Time from request arrival to last response byte, for one API shape.</summary>
    public LatencyHistogram RequestDuration(int apiIndex) => _requestDuration[apiIndex];

    /// <summary>Time the live engine's evaluations held the log consumer, those that re-clustered apart.</summary>
    public LatencyHistogram EngineEvaluations(bool reclustered) => reclustered ? _engineReclusterings : _engineTicks;
}
