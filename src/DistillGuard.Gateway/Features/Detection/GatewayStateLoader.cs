using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Auth;
using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Features.Store;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Detection;

/// <summary>
/// At start, before traffic: loads keys and overrides from the store into the in-memory indexes, gives the
/// engine the known accounts and the overrides (they count for payment co-holders), and writes the accounts to
/// accounts.jsonl beside the exchange log.
/// </summary>
internal sealed class GatewayStateLoader(
    GatewayStore store,
    ApiKeyIndex keys,
    VerdictBoard board,
    DetectionEngine engine,
    AccountsLogFile accountsFile,
    IOptions<GatewayOptions> options,
    ILogger<GatewayStateLoader> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (var (hash, entry) in store.LoadLiveKeys())
        {
            keys.Set(hash, entry);
        }

        // The engine thread has not started yet, so feeding it here is still single-threaded.
        var accounts = store.LoadAccounts();
        foreach (var account in accounts)
        {
            engine.AddAccount(account);
        }

        foreach (var entry in store.LoadOverrides())
        {
            board.SetOverride(entry);
            engine.SetOverride(entry.AccountId, entry.Verdict);
        }

        accountsFile.WriteSnapshot(accounts);
        Log.GatewayStarted(logger, options.Value.Upstreams.Count, Path.GetFullPath(options.Value.Log.Directory));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
