using DistillGuard.Core.Findings;
using DistillGuard.Reporting.Html;

namespace DistillGuard.Reporting.Views;

/// <summary>How the findings views render in their host: the static report or the gateway's live dashboard.</summary>
internal sealed class FindingsViewOptions
{
    /// <summary>Graphs larger than this show their most connected accounts only (a browser lays out a few hundred nodes quickly).</summary>
    public int MaxGraphNodes { get; init; } = 400;

    /// <summary>Heading of an extra last column in the flagged-accounts table (the dashboard's override buttons).</summary>
    public string? ActionsHeader { get; init; }

    /// <summary>Writes the content of the extra column for one account; escaping is the writer's job.</summary>
    public Action<HtmlWriter, AccountFinding>? WriteActions { get; init; }

    /// <summary>Writes actions on a whole campaign into its header (the dashboard's campaign overrides); escaping is the writer's job.</summary>
    public Action<HtmlWriter, CampaignFinding>? WriteCampaignActions { get; init; }
}
