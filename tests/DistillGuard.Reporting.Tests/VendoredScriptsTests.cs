using System.Text.Json;
using DistillGuard.Reporting.Html;

namespace DistillGuard.Reporting.Tests;

/// <summary>
/// The chart libraries are committed under src/DistillGuard.Reporting/Assets/vendor and package.json pins their
/// versions; a refresh that changed one without the other would ship a library nobody reviewed under that pin.
/// </summary>
public sealed class VendoredScriptsTests
{
    [Fact]
    public void EmbeddedChartLibraries_AreTheVersionsPackageJsonPins()
    {
        var packageJson = FindReportingProjectFile("package.json");
        Assert.SkipWhen(packageJson is null, "src/DistillGuard.Reporting/package.json is not above the test's folder (tests run outside the repository)");
        using var package = JsonDocument.Parse(File.ReadAllText(packageJson!));
        var dependencies = package.RootElement.GetProperty("dependencies");

        Assert.Contains($"Chart.js v{dependencies.GetProperty("chart.js").GetString()}\n", ReportAssets.ChartJs, StringComparison.Ordinal);
        Assert.Contains($".version=\"{dependencies.GetProperty("cytoscape").GetString()}\"", ReportAssets.Cytoscape, StringComparison.Ordinal);
    }

    private static string? FindReportingProjectFile(string name)
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "src", "DistillGuard.Reporting", name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
