using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace DistillGuard.Reporting.Html;

/// <summary>
/// The scripts and styles embedded in this assembly: chart.js and cytoscape (vendored from npm at build time),
/// and the report's own script and stylesheet. Loaded once, made safe to inline.
/// </summary>
internal static partial class ReportAssets
{
    private static readonly Lazy<string> ChartJsText = new(() => LoadScript("chart.js"));
    private static readonly Lazy<string> CytoscapeText = new(() => LoadScript("cytoscape.js"));
    private static readonly Lazy<string> ReportJsText = new(() => LoadScript("report.js"));
    private static readonly Lazy<string> ReportCssText = new(() => Load("report.css"));
    private static readonly Lazy<string> DashboardJsText = new(() => LoadScript("dashboard.js"));
    private static readonly Lazy<string> DashboardCssText = new(() => Load("dashboard.css"));

    public static string ChartJs => ChartJsText.Value;

    public static string Cytoscape => CytoscapeText.Value;

    public static string ReportJs => ReportJsText.Value;

    public static string ReportCss => ReportCssText.Value;

    /// <summary>The gateway dashboard's script and styles (served by the gateway, never in the scan report).</summary>
    public static string DashboardJs => DashboardJsText.Value;

    public static string DashboardCss => DashboardCssText.Value;

    /// <summary>The scripts a page needs, in load order: name (for URLs) and text.</summary>
    public static IReadOnlyList<(string Name, string Text)> Scripts =>
        [("chart.js", ChartJs), ("cytoscape.js", Cytoscape), ("report.js", ReportJs)];

    /// <summary>A CSP source expression (<c>'sha256-…'</c>) for an inline script or style.</summary>
    public static string CspHash(string content) =>
        "'sha256-" + Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(content))) + "'";

    private static string LoadScript(string name)
    {
        // A source map comment would make developer tools look for a file that is not there.
        var text = SourceMapComment().Replace(Load(name), string.Empty);
        return ScriptSafe.Neutralise(text);
    }

    private static string Load(string name)
    {
        var resource = "DistillGuard.Reporting." + name;
        using var stream = typeof(ReportAssets).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Embedded asset '{resource}' is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd().Replace("\r\n", "\n", StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^//# sourceMappingURL=\S*\s*$", RegexOptions.Multiline)]
    private static partial Regex SourceMapComment();
}
