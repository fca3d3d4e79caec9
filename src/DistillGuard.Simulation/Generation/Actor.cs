namespace DistillGuard.Simulation.Generation;

/// <summary>
/// Something that sends exchanges: an honest account, or a campaign's dispatcher. The generator keeps one priority
/// queue entry per actor (its next event time), which is what bounds memory.
/// </summary>
internal abstract class Actor
{
    /// <summary>UTC ticks of the next exchange.</summary>
    public long NextTicks { get; protected set; }

    /// <summary>Tie-break for equal times, so output order never depends on queue internals.</summary>
    public int Order { get; init; }

    /// <summary>Schedules the first exchange; false when the actor sends nothing in the window.</summary>
    public abstract bool Start(GenerationContext context);

    /// <summary>Writes the exchange due at <see cref="NextTicks"/> into <paramref name="output"/>.</summary>
    public abstract void Emit(GenerationContext context, SimulatedExchange output);

    /// <summary>Schedules the next exchange; false when the actor is done.</summary>
    public abstract bool Advance(GenerationContext context);
}
