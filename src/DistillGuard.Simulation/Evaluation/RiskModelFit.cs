using DistillGuard.Core.Engine;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>A refit's outcome.</summary>
/// <param name="Coefficients">The fitted model.</param>
/// <param name="Iterations">Newton steps taken, over every refit.</param>
/// <param name="HeldAtZero">Coefficients that came out with a sign the engine refuses and were held at 0, in the order they were.</param>
public sealed record RiskModelFit(RiskCoefficients Coefficients, int Iterations, IReadOnlyList<string> HeldAtZero);
