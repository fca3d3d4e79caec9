namespace DistillGuard.Core.Tests.Engine;

/// <summary>
/// Memory tests measure the whole heap, so they run alone: objects that tests running in parallel hold at the
/// moment of measurement would otherwise be counted as the engine's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EngineMemoryCollection
{
    public const string Name = "engine memory (runs alone)";
}
