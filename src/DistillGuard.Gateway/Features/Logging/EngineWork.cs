using DistillGuard.Core.Engine;

namespace DistillGuard.Gateway.Features.Logging;

/// <summary>Work that must run on the single engine thread, with a completion the caller awaits.</summary>
internal sealed class EngineWork(Func<DetectionEngine, object?> action)
{
    private readonly TaskCompletionSource<object?> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<object?> Completion => _done.Task;

    public void Run(DetectionEngine engine)
    {
        try
        {
            _done.SetResult(action(engine));
        }
        catch (Exception ex)
        {
            _done.SetException(ex);
        }
    }

    public void Cancel() => _done.TrySetCanceled();
}
