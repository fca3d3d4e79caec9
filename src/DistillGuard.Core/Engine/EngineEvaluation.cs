namespace DistillGuard.Core.Engine;

/// <summary>
/// One evaluation of the engine (<see cref="DetectionEngine.Evaluated"/>): the work a tick with news does on the
/// observing thread, which a gateway's log consumer cannot do anything else during.
/// </summary>
/// <param name="Elapsed">How long it held the observing thread, on the engine's <see cref="DetectionEngine.Clock"/>.</param>
/// <param name="Reclustered">Whether it re-clustered (hourly, <see cref="DetectionOptions.ClusterInterval"/>), which re-decides every cluster member.</param>
/// <param name="At">The log time it decided as of (UTC): the end of the tick it closed, or the last exchange's time at a scan's end.</param>
public readonly record struct EngineEvaluation(TimeSpan Elapsed, bool Reclustered, DateTime At);
