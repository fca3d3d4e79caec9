using DistillGuard.Intel.Stix;

namespace DistillGuard.Cli.Commands.Export;

/// <summary>The parsed command line of <c>export stix</c>.</summary>
internal sealed class ExportStixRequest
{
    public required string FindingsPath { get; init; }

    public required string OutPath { get; init; }

    public TlpLevel Tlp { get; init; } = TlpLevel.Amber;

    public bool IncludePrompts { get; init; }

    public string Producer { get; init; } = "DistillGuard";

    public IReadOnlyList<string> CampaignIds { get; init; } = [];

    public int ValidDays { get; init; } = 90;
}
