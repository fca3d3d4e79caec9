namespace DistillGuard.Simulation.Evaluation;

/// <summary>
/// One account's risk as the engine left it at the end of a scan, with its exchanges and the active accounts of its
/// cluster (1 when in none): a row of the model-inputs file <c>scan --model-inputs</c> writes.
/// </summary>
public readonly record struct AccountRisk(string AccountId, int Exchanges, int ClusterAccounts, double Risk);
