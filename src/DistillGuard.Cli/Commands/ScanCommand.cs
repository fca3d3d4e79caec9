using System.CommandLine;
using DistillGuard.Cli.Commands.Scan;
using DistillGuard.Cli.Infrastructure;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard scan</c>: replays exchange logs through the detection engine and writes the findings document
/// (shared/spec/findings.md). Exit 0 ok, 2 usage, 3 input unreadable or a bad record in strict mode.
/// </summary>
internal sealed class ScanCommand(TimeProvider? time = null) : ICliVerb
{
    public Command Build(CliConsole console)
    {
        var accounts = new Option<string?>("--accounts") { Description = "Accounts file (JSON Lines); most cross-account signals need it." };
        var fromSignup = new Option<bool>("--accounts-from-signup") { Description = "Count each account from its created_at (a record's effective_from wins), as a live gateway knows it, instead of from the log's start: no card counts holders that have not signed up yet." };
        var models = new Option<string?>("--models") { Description = "Model releases file (JSON Lines); without it a model's first appearance counts as its release." };
        var output = new Option<string?>("--out") { Description = "Write the findings document here (default: standard output)." };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first bad record (exit code 3)." };
        var report = new Option<string?>("--report") { Description = "Also write the HTML report here." };
        var modelInputs = new Option<string?>("--model-inputs") { Description = "Also write every active account's risk and risk-model inputs here (CSV), for 'evaluate --model-inputs' or a calibration refit." };
        var modelInputsEvery = new Option<string?>("--model-inputs-every") { Description = "With --model-inputs: write the inputs at every such interval of log time (e.g. 1d, 12h, 90m; at least 15m), each row with an 'at' column, and at the end: what the engine decided on at each time, for 'calibrate' to fit on (not for 'evaluate')." };
        var intel = new Option<string[]>("--intel") { Description = "Peers' STIX 2.1 bundles to match traffic against (repeatable).", AllowMultipleArgumentsPerToken = false };
        var threads = new Option<int>("--threads") { Description = "Threads for decompressing and parsing (default: processor count).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var sharedEgress = new Option<string?>("--shared-egress") { Description = "A file of networks whose addresses strangers share (one CIDR block or address a line, # comments): a serverless platform's or a secure web gateway's egress, a carrier's NAT. Accounts there are not linked by their IP block." };
        var riskModel = new Option<string?>("--risk-model") { Description = "A risk model file (coefficients refitted by 'distillguard calibrate' on your own labelled accounts) to score accounts with instead of the built-in model; wins over the gateway config's." };
        var gatewayConfig = new Option<string?>("--gateway-config") { Description = "A gateway's config file: apply its Gateway:Policy thresholds and its store's admin overrides, so a scan of its log reaches the verdicts it reached live." };
        var logs = new Argument<string[]>("LOG") { Description = "Exchange log files (.jsonl, .jsonl.gz) and directories of them (default with --gateway-config: that gateway's log directory).", Arity = ArgumentArity.ZeroOrMore };
        var command = new Command("scan", "Find distillation campaigns in exchange logs and write findings.")
        {
            accounts, fromSignup, models, output, strict, report, modelInputs, modelInputsEvery, intel, threads, sharedEgress, riskModel, gatewayConfig, logs,
        };
        command.SetAction(parse => new ScanRun(console, time ?? TimeProvider.System, new ScanRequest
        {
            Logs = parse.GetValue(logs) ?? [],
            AccountsPath = parse.GetValue(accounts),
            AccountsFromSignup = parse.GetValue(fromSignup),
            ModelsPath = parse.GetValue(models),
            OutPath = parse.GetValue(output),
            Strict = parse.GetValue(strict),
            ReportPath = parse.GetValue(report),
            ModelInputsPath = parse.GetValue(modelInputs),
            ModelInputsEvery = parse.GetValue(modelInputsEvery),
            IntelPaths = parse.GetValue(intel) ?? [],
            Threads = parse.GetValue(threads),
            GatewayConfigPath = parse.GetValue(gatewayConfig),
            SharedEgressPath = parse.GetValue(sharedEgress),
            RiskModelPath = parse.GetValue(riskModel),
        }).Execute());
        return command;
    }
}
