using System.CommandLine;
using DistillGuard.Cli.Infrastructure;
using DistillGuard.Gateway;
using DistillGuard.Gateway.Options;
using DistillGuard.Gateway.StandIn;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DistillGuard.Cli.Commands;

/// <summary>
/// <c>distillguard gateway --config gateway.json</c>: runs the enforcing gateway until Ctrl+C / SIGTERM, then
/// drains the exchange log. <c>--stand-in-upstream</c> runs the deterministic stand-in model server instead
/// (for trials and the bench).
/// </summary>
internal sealed class GatewayCommand : ICliVerb
{
    public Command Build(CliConsole console)
    {
        var config = new Option<FileInfo?>("--config") { Description = "JSON config file with a 'Gateway' section (env vars DISTILLGUARD_Gateway__... override it)" };
        var urls = new Option<string[]>("--urls") { Description = "Listen URLs (override Gateway:Urls), e.g. http://127.0.0.1:8080", AllowMultipleArgumentsPerToken = true };
        var standIn = new Option<bool>("--stand-in-upstream") { Description = "Run the stand-in model server (both API shapes) instead of the gateway" };
        var command = new Command("gateway", "Run the enforcing gateway in front of a model API.") { config, urls, standIn };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var listen = parse.GetValue(urls) ?? [];
            if (parse.GetValue(standIn))
            {
                await using var upstream = StandInUpstream.Build(listen.Length > 0 ? listen : ["http://127.0.0.1:9001"], new StandInState { RecordRequests = false });
                await console.Error.WriteLineAsync($"stand-in upstream listening on {string.Join(", ", listen.Length > 0 ? listen : ["http://127.0.0.1:9001"])}").ConfigureAwait(false);
                await upstream.RunAsync().ConfigureAwait(false);
                return ExitCodes.Success;
            }

            var file = parse.GetValue(config);
            if (file is not null && !file.Exists)
            {
                await console.Error.WriteLineAsync($"error: config file {file.FullName} not found").ConfigureAwait(false);
                return ExitCodes.InputError;
            }

            var settings = new GatewayHostSettings { ConfigPath = file?.FullName };
            foreach (var url in listen)
            {
                settings.Urls.Add(url);
            }

            // Before anything is opened or written (does not return when it restarts the process), and only when this verb
            // is the process's own command. The stand-in above keeps the runtime's defaults: it is the bench's fixed
            // upstream, and its cost is part of every target's figure.
            if (IsProcessCommand(parse))
            {
                GatewayGcBudget.RestartWithBudgetIfUnset(out var restartFailure);
                if (restartFailure is not null)
                {
                    await console.Error.WriteLineAsync($"warning: {restartFailure}; the gateway runs on the runtime's default gen0 budget").ConfigureAwait(false);
                }
            }

            // Before any socket exists in this process.
            GatewayHost.PreferInlineSocketCompletions();
            try
            {
                await using var app = GatewayHost.Build(settings);
                // Checked here rather than by the host's start, which would log its own failure with a stack trace
                // in front of the errors below.
                _ = app.Services.GetRequiredService<IOptions<GatewayOptions>>().Value;
                await app.RunAsync().ConfigureAwait(false);
                return ExitCodes.Success;
            }
            catch (OptionsValidationException ex)
            {
                foreach (var failure in ex.Failures)
                {
                    await console.Error.WriteLineAsync($"error: {file?.Name ?? "configuration"}: {failure}").ConfigureAwait(false);
                }

                return ExitCodes.Usage;
            }
            catch (InvalidDataException ex)
            {
                await console.Error.WriteLineAsync($"error: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.InputError;
            }
        });
        return command;
    }

    // Whether this parse is of the arguments the process was started with, rather than of a command line that another
    // program (a test host, say) runs in its own process; the same parser on both must give the same tokens.
    private static bool IsProcessCommand(ParseResult parse)
    {
        string[] processArguments = [.. Environment.GetCommandLineArgs().Skip(1)];
        var processTokens = parse.RootCommandResult.Command.Parse(processArguments).Tokens;
        return processTokens.Select(static t => t.Value).SequenceEqual(parse.Tokens.Select(static t => t.Value), StringComparer.Ordinal);
    }
}
