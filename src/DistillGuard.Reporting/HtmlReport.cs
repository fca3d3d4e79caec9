using System.Text;
using DistillGuard.Core.Findings;
using DistillGuard.Reporting.Views;

namespace DistillGuard.Reporting;

/// <summary>Writes the self-contained HTML scan report (a view of the findings document).</summary>
public static class HtmlReport
{
    private static readonly UTF8Encoding Utf8NoBom = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// Writes the report for <paramref name="findings"/> to <paramref name="path"/>: one HTML file with its
    /// scripts and styles inline. The same findings always give the same bytes.
    /// </summary>
    public static void WriteFile(string path, FindingsDocument findings)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        ArgumentNullException.ThrowIfNull(findings);

        // Write beside the target and move, so a failure never leaves half a report where a whole one was.
        var temp = path + ".tmp";
        try
        {
            using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
            using (var writer = new StreamWriter(stream, Utf8NoBom, 1 << 16))
            {
                writer.NewLine = "\n";
                ReportPage.Write(writer, findings);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            File.Delete(temp);
            throw;
        }
    }

    /// <summary>The report as a string (for hosts that serve it rather than write it).</summary>
    public static string Render(FindingsDocument findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        using var writer = new StringWriter(System.Globalization.CultureInfo.InvariantCulture) { NewLine = "\n" };
        ReportPage.Write(writer, findings);
        return writer.ToString();
    }
}
