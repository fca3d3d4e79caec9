using System.Collections.Concurrent;

namespace DistillGuard.Gateway.StandIn;

/// <summary>Switches and observations of the stand-in model server, for tests and the bench.</summary>
public sealed class StandInState
{
    private volatile bool _failing;

    /// <summary>When true every endpoint (health included) answers 503.</summary>
    public bool Failing { get => _failing; set => _failing = value; }

    /// <summary>Characters of filler appended to every answer, for answers longer than a limit. Default 0.</summary>
    public int AnswerPadding { get; set; }

    /// <summary>Whether to record request bodies (off for benchmarks).</summary>
    public bool RecordRequests { get; set; } = true;

    /// <summary>When set, every answer waits for this task before its first byte (tests of requests in flight).</summary>
    public Task? AnswerGate { get; set; }

    /// <summary>Released once per model request recorded (<see cref="RecordRequests"/>), before its answer; for tests.</summary>
    public SemaphoreSlim Arrivals { get; } = new(0);

    /// <summary>Request bodies received, in order, with their path.</summary>
    public ConcurrentQueue<(string Path, byte[] Body)> Received { get; } = new();
}
