using DistillGuard.Gateway.Features.Logging;

namespace DistillGuard.Cli.Commands.Scan;

/// <summary>The validated-at-run-time arguments of <c>scan</c>.</summary>
internal sealed record ScanRequest
{
    public required IReadOnlyList<string> Logs { get; init; }

    public string? AccountsPath { get; init; }

    /// <summary>Each account record without <c>effective_from</c> counts from its <c>created_at</c> (a billing export).</summary>
    public bool AccountsFromSignup { get; init; }

    public string? ModelsPath { get; init; }

    public string? OutPath { get; init; }

    public bool Strict { get; init; }

    public string? ReportPath { get; init; }

    /// <summary>Where to write the model-inputs CSV (<see cref="Core.Engine.DetectionEngine.WriteModelInputs(TextWriter)"/>), if anywhere.</summary>
    public string? ModelInputsPath { get; init; }

    /// <summary>
    /// With <see cref="ModelInputsPath"/>: write a snapshot of the model inputs at every such interval of log time
    /// (<see cref="ModelInputSnapshots"/>), as given (<see cref="IntervalText"/>: 1d, 12h, 90m).
    /// </summary>
    public string? ModelInputsEvery { get; init; }

    public IReadOnlyList<string> IntelPaths { get; init; } = [];

    public int Threads { get; init; }

    /// <summary>A file of shared egress networks, one a line (<see cref="Core.Engine.DetectionOptions.SharedEgress"/>).</summary>
    public string? SharedEgressPath { get; init; }

    /// <summary>A risk model file (<see cref="Core.Engine.RiskModelFile"/>) to score with instead of the built-in or the gateway config's model.</summary>
    public string? RiskModelPath { get; init; }

    /// <summary>A gateway's config file: its policy thresholds and its store's overrides are applied (scan of its log).</summary>
    public string? GatewayConfigPath { get; init; }

    /// <summary>
    /// With no LOG named and a gateway config given: that gateway's log directory, and the accounts file the gateway
    /// keeps in it unless one was named.
    /// </summary>
    public ScanRequest ForGatewayLog(string logDirectory, IReadOnlyList<string> exchangeFiles)
    {
        var accounts = Path.Combine(logDirectory, AccountsLogFile.FileName);
        return this with { Logs = exchangeFiles, AccountsPath = AccountsPath ?? (File.Exists(accounts) ? accounts : null) };
    }
}
