using DistillGuard.Core.Findings;

namespace DistillGuard.Reporting;

/// <summary>Writes the self-contained HTML scan report (a view of the findings document).</summary>
/// <remarks>PLACEHOLDER SURFACE: the reporting issue implements it; the signature stays.</remarks>
public static class HtmlReport
{
    public static void WriteFile(string path, FindingsDocument findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        throw new NotSupportedException($"HTML reports are not built yet; cannot write {path}.");
    }
}
