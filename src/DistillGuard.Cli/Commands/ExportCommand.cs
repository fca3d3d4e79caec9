using System.CommandLine;
using DistillGuard.Cli.Commands.Export;
using DistillGuard.Cli.Infrastructure;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard export stix findings.json -o bundle.json</c>: shares campaigns as a STIX 2.1 bundle.
/// Exit 0 ok, 2 usage, 3 findings unreadable.
/// </summary>
internal sealed class ExportCommand : ICliVerb
{
    public Command Build(CliConsole console)
    {
        var findings = new Argument<string>("FINDINGS") { Description = "Findings document written by 'scan --out'." };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the bundle.", Required = true };
        var tlp = new Option<string>("--tlp") { Description = "TLP marking: green, amber or red (default amber).", DefaultValueFactory = _ => "amber" };
        tlp.AcceptOnlyFromAmong("white", "green", "amber", "red");
        var prompts = new Option<bool>("--include-prompts") { Description = "Include example prompt text (may hold customer data)." };
        var producer = new Option<string>("--producer") { Description = "Your organisation's name, shown to peers as the source (default DistillGuard).", DefaultValueFactory = _ => "DistillGuard" };
        var campaigns = new Option<string[]>("--campaign") { Description = "Export only this campaign id (repeatable; default all)." };
        var validDays = new Option<int>("--valid-days") { Description = "Days indicators stay valid after the campaign was last seen (default 90).", DefaultValueFactory = _ => 90 };
        var stix = new Command("stix", "Write campaigns as a STIX 2.1 bundle (indicators, ATLAS attack patterns, salted fingerprints).")
        {
            findings, output, tlp, prompts, producer, campaigns, validDays,
        };
        stix.SetAction(parse => new ExportStixRun(console, new ExportStixRequest
        {
            FindingsPath = parse.GetValue(findings)!,
            OutPath = parse.GetValue(output)!,
            Tlp = Enum.Parse<TlpLevel>(parse.GetValue(tlp)!, ignoreCase: true),
            IncludePrompts = parse.GetValue(prompts),
            Producer = parse.GetValue(producer)!,
            CampaignIds = parse.GetValue(campaigns) ?? [],
            ValidDays = parse.GetValue(validDays),
        }).Execute());
        return new Command("export", "Export findings for sharing.") { stix };
    }
}
