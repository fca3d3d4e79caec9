using System.CommandLine;
using DistillGuard.Cli.Infrastructure;
using DistillGuard.Core.Findings;
using DistillGuard.Reporting;

namespace DistillGuard.Cli.Commands;

/// <summary><c>distillguard report findings.json -o report.html</c>: renders a findings document as the HTML report.</summary>
internal sealed class ReportCommand : ICliVerb
{
    public Command Build(CliConsole console)
    {
        var findings = new Argument<FileInfo>("findings") { Description = "Findings document written by 'scan --out' (JSON)." };
        var output = new Option<FileInfo>("--out", "-o")
        {
            Description = "HTML file to write (self-contained: opens without a network; print it to get a PDF).",
            Required = true,
        };
        var command = new Command("report", "Render a findings document as a self-contained HTML report.") { findings, output };
        command.SetAction(parse => Run(console, parse.GetValue(findings)!, parse.GetValue(output)!));
        return command;
    }

    private static int Run(CliConsole console, FileInfo input, FileInfo output)
    {
        FindingsDocument document;
        try
        {
            document = FindingsSerializer.ReadFile(input.FullName);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidDataException)
        {
            console.Error.WriteLine($"error: {Describe(ex, input.FullName)}");
            return ExitCodes.InputError;
        }

        try
        {
            HtmlReport.WriteFile(output.FullName, document);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            console.Error.WriteLine($"error: cannot write {output.FullName}: {ex.Message}");
            return ExitCodes.Failure;
        }

        console.Out.WriteLine(
            $"Wrote {output.FullName}: {document.Campaigns.Count} campaign(s), {document.Accounts.Count} flagged account(s), {document.Input.Exchanges} exchange(s).");
        return ExitCodes.Success;
    }

    private static string Describe(Exception ex, string path) => ex switch
    {
        FileNotFoundException or DirectoryNotFoundException => $"{path}: no such file.",
        InvalidDataException => ex.Message, // already names the file, line and field
        _ => $"{path}: {ex.Message}",
    };
}
