using System.Text.Encodings.Web;
using System.Text.Json;
using DistillGuard.Core.Findings;

namespace DistillGuard.Intel.Export;

/// <summary>Turns a findings document into a STIX 2.1 bundle (<c>distillguard export stix</c>).</summary>
public static class StixExport
{
    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        // Bundles are files, never HTML: keep non-ASCII text and '+' readable.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>The bundle as indented JSON; the same findings and options always give the same text.</summary>
    public static string ToJson(FindingsDocument findings, StixExportOptions options)
    {
        ArgumentNullException.ThrowIfNull(findings);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        return new StixBundleBuilder(findings, options).Build().ToJsonString(Json) + "\n";
    }

    /// <summary>Writes the bundle beside <paramref name="path"/> and moves it into place.</summary>
    public static ExportSummary WriteFile(string path, FindingsDocument findings, StixExportOptions options)
    {
        var json = ToJson(findings, options);
        var temp = path + ".tmp";
        File.WriteAllText(temp, json);
        File.Move(temp, path, overwrite: true);
        using var document = JsonDocument.Parse(json);
        return ExportSummary.Of(document.RootElement);
    }
}
