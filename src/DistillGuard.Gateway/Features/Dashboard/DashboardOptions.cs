using System.ComponentModel.DataAnnotations;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>The live dashboard at <c>/dashboard</c> (configuration section <c>Gateway:Dashboard</c>).</summary>
public sealed class DashboardOptions
{
    public const string SectionName = "Gateway:Dashboard";

    /// <summary>Whether <c>/dashboard</c> is served at all. Default true (it is behind the admin token either way).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Seconds between samples of the verdict counts. Default 5.</summary>
    [Range(0.05, 3600)]
    public double SampleIntervalSeconds { get; set; } = 5;

    /// <summary>Samples kept for the verdict-counts chart. Default 720 (an hour at 5 s).</summary>
    [Range(2, 100_000)]
    public int HistorySamples { get; set; } = 720;

    /// <summary>Seconds between the browser's checks for new findings (cheap: answered 304 when nothing changed). Default 5.</summary>
    [Range(0.2, 3600)]
    public double RefreshSeconds { get; set; } = 5;

    /// <summary>Hours a dashboard sign-in lasts. Default 12.</summary>
    [Range(0.01, 720)]
    public double SessionHours { get; set; } = 12;
}
