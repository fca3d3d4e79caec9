using System.CommandLine;
using DistillGuard.Cli.Commands.Evidence;
using DistillGuard.Cli.Infrastructure;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard evidence findings.json --campaign ID --log LOG... -o case.zip</c> writes a signed case file;
/// <c>distillguard evidence verify case.zip [--key pub.pem]</c> checks one (exit 1 when anything changed).
/// </summary>
internal sealed class EvidenceCommand : ICliVerb
{
    public Command Build(CliConsole console)
    {
        var findings = new Argument<string>("FINDINGS") { Description = "Findings document written by 'scan --out'." };
        var campaign = new Option<string>("--campaign") { Description = "Campaign id to document.", Required = true };
        var logs = new Option<string[]>("--log") { Description = "Exchange log files or directories to sample the campaign's exchanges from.", Arity = ArgumentArity.OneOrMore, AllowMultipleArgumentsPerToken = true };
        var output = new Option<string>("--out", "-o") { Description = "Where to write the zip.", Required = true };
        var key = new Option<string?>("--key") { Description = "EC P-256 private key (PEM) to sign with; created there if absent (default: the per-user key, see docs/intel.md)." };
        var sample = new Option<int>("--sample") { Description = "Exchanges to copy into the pack (default 100).", DefaultValueFactory = _ => 100 };
        var command = new Command("evidence", "Write a signed, verifiable evidence pack for one campaign.")
        {
            findings, campaign, logs, output, key, sample,
        };
        command.SetAction(parse => new EvidenceRun(console, parse.GetValue(findings)!, new Intel.Evidence.EvidencePackOptions
        {
            CampaignId = parse.GetValue(campaign)!,
            LogPaths = parse.GetValue(logs) ?? [],
            OutputPath = parse.GetValue(output)!,
            KeyPath = parse.GetValue(key),
            SampleSize = parse.GetValue(sample),
        }).Execute());

        var pack = new Argument<string>("PACK") { Description = "The evidence pack (zip)." };
        var publicKey = new Option<string?>("--key") { Description = "The signer's public key (PEM). Without it the pack's own key is used: that proves integrity, not who signed." };
        var verify = new Command("verify", "Check an evidence pack's signature and every file's hash.") { pack, publicKey };
        verify.SetAction(parse => new EvidenceVerifyRun(console, parse.GetValue(pack)!, parse.GetValue(publicKey)).Execute());
        command.Subcommands.Add(verify);
        return command;
    }
}
