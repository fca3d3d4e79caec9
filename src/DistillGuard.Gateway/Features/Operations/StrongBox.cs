namespace DistillGuard.Gateway.Features.Operations;

/// <summary>A mutable cell so a counter inside a dictionary can be incremented with <see cref="Interlocked"/>.</summary>
internal sealed class StrongBox<T>
    where T : struct
{
    public T Value;
}
