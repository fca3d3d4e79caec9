namespace DistillGuard.Cli.Commands.Scan;

/// <summary>The validated-at-run-time arguments of <c>scan</c>.</summary>
internal sealed class ScanRequest
{
    public required IReadOnlyList<string> Logs { get; init; }

    public string? AccountsPath { get; init; }

    public string? ModelsPath { get; init; }

    public string? OutPath { get; init; }

    public bool Strict { get; init; }

    public string? ReportPath { get; init; }

    public IReadOnlyList<string> IntelPaths { get; init; } = [];

    public int Threads { get; init; }

    /// <summary>A gateway's config file: its policy thresholds and its store's overrides are applied (scan of its log).</summary>
    public string? GatewayConfigPath { get; init; }
}
