using DistillGuard.Core.Engine;

namespace DistillGuard.Simulation.Evaluation;

/// <summary>A refit's outcome.</summary>
/// <param name="Coefficients">The fitted model.</param>
/// <param name="Iterations">Newton steps taken, over every refit.</param>
/// <param name="MeanLogLoss">The fitted model's mean log-loss on the rows it was fitted on (uncapped probabilities).</param>
/// <param name="HeldAtZero">Coefficients that came out with a sign the engine refuses and were held at 0, in the order they were.</param>
public sealed record RiskModelFit(RiskCoefficients Coefficients, int Iterations, double MeanLogLoss, IReadOnlyList<string> HeldAtZero);
