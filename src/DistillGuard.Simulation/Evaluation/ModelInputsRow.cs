namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// One account's row of the model-inputs file: its raw risk-model inputs in <see cref="Core.Engine.RiskCoefficients.Names"/>
/// order (the bias slot 1), the exchanges that shrink its behaviour, its cluster's size factor, and the risk the scan left.
/// </summary>
public sealed record ModelInputsRow(string AccountId, int Exchanges, double SizeFactor, double[] Inputs, double Risk);
