using DistillGuard.Cli.Infrastructure;
using DistillGuard.Core.Findings;
using DistillGuard.Intel.Export;

namespace DistillGuard.Cli.Commands.Export;

/// <summary>One execution of <c>export stix</c>.</summary>
internal sealed class ExportStixRun(CliConsole console, ExportStixRequest request)
{
    public int Execute()
    {
        if (request.ValidDays < 1)
        {
            console.Error.WriteLine("error: --valid-days must be at least 1.");
            return ExitCodes.Usage;
        }

        FindingsDocument findings;
        try
        {
            findings = FindingsSerializer.ReadFile(request.FindingsPath);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.InputError;
        }

        var missing = request.CampaignIds.Where(id => !findings.Campaigns.Exists(c => c.CampaignId == id)).ToList();
        if (missing.Count > 0)
        {
            console.Error.WriteLine($"error: {request.FindingsPath} has no campaign {string.Join(", ", missing)}.");
            return ExitCodes.InputError;
        }

        var options = new StixExportOptions
        {
            Tlp = request.Tlp,
            IncludePrompts = request.IncludePrompts,
            Producer = request.Producer,
            CampaignIds = request.CampaignIds,
            ValidFor = TimeSpan.FromDays(request.ValidDays),
        };
        try
        {
            options.Validate();
            var summary = StixExport.WriteFile(request.OutPath, findings, options);
            if (summary.Campaigns == 0)
            {
                console.Error.WriteLine($"warning: {request.FindingsPath} has no campaigns; the bundle holds only the shared definitions.");
            }

            console.Error.WriteLine(
                $"wrote {request.OutPath}: {Count(summary.Campaigns, "campaign")}, {Count(summary.Indicators, "indicator")}, {Count(summary.Fingerprints, "fingerprint set")}, {Count(summary.Objects, "object")}, TLP:{request.Tlp.ToString().ToUpperInvariant()}{(request.IncludePrompts ? ", with example prompts" : string.Empty)}");
            return ExitCodes.Success;
        }
        catch (ArgumentException ex)
        {
            console.Error.WriteLine($"error: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot write {request.OutPath}: {ex.Message}");
            return ExitCodes.Failure;
        }
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? string.Empty : "s")}";
}
