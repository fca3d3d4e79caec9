namespace DistillGuard.Simulation.Generation;

/// <summary>Progress of writing a scenario: exchanges written, log time reached, bytes written.</summary>
public readonly record struct SimulationProgress(long Exchanges, DateTime LogTime, long Bytes, double Fraction);
