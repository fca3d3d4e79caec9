using DistillGuard.Core.Engine;

namespace DistillGuard.Cli.Commands.Scan;

/// <summary>
/// <c>scan --model-inputs-every</c>: writes the engine's model inputs (with an <c>at</c> column) at the first evaluation
/// at or after each boundary of the interval in log time, and once more at the scan's end, so that <c>calibrate</c>
/// can fit on what a live gateway decided on at each time rather than only on the end of the log, where every card
/// already holds all its accounts (docs/detection.md, "Refits on snapshots").
/// </summary>
internal sealed class ModelInputSnapshots : IDisposable
{
    private readonly DetectionEngine _engine;
    private readonly TextWriter _writer;
    private readonly long _interval;
    private long _next = long.MinValue;
    private long _lastEvaluation = long.MinValue;
    private long _lastWritten = long.MinValue;

    public ModelInputSnapshots(DetectionEngine engine, TextWriter writer, TimeSpan interval)
    {
        _engine = engine;
        _writer = writer;
        _interval = interval.Ticks;
        engine.Evaluated += OnEvaluated;
    }

    /// <summary>Snapshots written so far.</summary>
    public int Snapshots { get; private set; }

    /// <summary>Writes the final snapshot (the scan's last evaluation, unless a boundary's was just written there).</summary>
    public void Finish()
    {
        _engine.Evaluated -= OnEvaluated;
        if (_lastEvaluation != long.MinValue && _lastEvaluation != _lastWritten)
        {
            Write(_lastEvaluation);
        }
    }

    public void Dispose() => _engine.Evaluated -= OnEvaluated;

    private void OnEvaluated(EngineEvaluation evaluation)
    {
        var at = evaluation.At.Ticks;
        _lastEvaluation = at;
        if (_next == long.MinValue)
        {
            // The first boundary after the log's first decision: a snapshot of nothing is no use.
            _next = NextBoundary(at);
        }

        if (at >= _next)
        {
            Write(at);
            _next = NextBoundary(at);
        }
    }

    private long NextBoundary(long at) => ((at / _interval) + 1) * _interval;

    private void Write(long at)
    {
        _engine.WriteModelInputs(_writer, new DateTime(at, DateTimeKind.Utc), header: Snapshots == 0);
        _lastWritten = at;
        Snapshots++;
    }
}
