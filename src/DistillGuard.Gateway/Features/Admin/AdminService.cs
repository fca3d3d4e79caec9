using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Auth;
using DistillGuard.Gateway.Features.Detection;
using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Features.Store;

namespace DistillGuard.Gateway.Features.Admin;

/// <summary>
/// What the admin API does, apart from HTTP: key management, accounts, overrides (persisted, then applied to
/// the in-memory board so they win at once), and findings built on the engine thread.
/// </summary>
internal sealed class AdminService(
    GatewayStore store,
    ApiKeyHasher hasher,
    ApiKeyIndex keys,
    VerdictBoard board,
    ExchangeLogPipeline pipeline,
    AccountsLogFile accountsFile,
    OverridesLogFile overridesFile,
    TimeProvider time,
    ILogger<AdminService> logger)
{
    /// <summary>Creates a key for an account (creating a bare account if unknown); the key is returned only here.</summary>
    public async Task<(ApiKeyEntry Entry, string Key)> CreateKeyAsync(string accountId, CancellationToken cancellationToken)
    {
        if (!store.AccountExists(accountId))
        {
            await UpsertAccountsAsync([new AccountRecord { AccountId = accountId, CreatedAt = time.GetUtcNow().UtcDateTime }], cancellationToken).ConfigureAwait(false);
        }

        var (key, hash) = hasher.NewKey();
        var entry = new ApiKeyEntry("key_" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(8)), accountId, time.GetUtcNow().UtcDateTime);
        store.InsertKey(entry, hash);
        keys.Set(hash, entry);
        Log.KeyCreated(logger, entry.KeyId, accountId);
        return (entry, key);
    }

    public bool RevokeKey(string keyId)
    {
        if (!store.RevokeKey(keyId, time.GetUtcNow().UtcDateTime))
        {
            return false;
        }

        keys.Remove(keyId);
        Log.KeyRevoked(logger, keyId);
        return true;
    }

    public List<StoredKey> ListKeys(string? accountId) => store.ListKeys(accountId);

    /// <summary>One account, flagged or not; null when neither the store, the engine nor an override knows it.</summary>
    public async Task<AccountLookup?> LookUpAsync(string accountId, CancellationToken cancellationToken)
    {
        var findings = await FindingsAsync(cancellationToken).ConfigureAwait(false);
        var byAccount = findings.Accounts.ToDictionary(static a => a.AccountId, StringComparer.Ordinal);
        var finding = byAccount.GetValueOrDefault(accountId);
        var record = store.FindAccount(accountId);
        var keys = store.ListKeys(accountId);
        if (record is null && finding is null && keys.Count == 0 && board.EngineStatus(accountId) is null && board.Override(accountId) is null)
        {
            return null;
        }

        return new AccountLookup(accountId, finding, CampaignOf(accountId, byAccount), record, keys);
    }

    /// <summary>
    /// Stores accounts and gives them to the engine (on its thread) and to accounts.jsonl, stamped with the log time the
    /// engine counts them from, so a scan of the folder and the replay at the next start count them there too.
    /// </summary>
    public Task UpsertAccountsAsync(IReadOnlyList<AccountRecord> accounts, CancellationToken cancellationToken)
    {
        foreach (var account in accounts)
        {
            store.UpsertAccount(account);
        }

        return pipeline.RunOnEngineAsync(engine =>
        {
            foreach (var account in accounts)
            {
                account.EffectiveFrom = engine.AppliedThrough;
                engine.AddAccount(account);
                accountsFile.Append(account);
            }

            return true;
        }, cancellationToken);
    }

    public async Task<VerdictOverride> SetOverrideAsync(string accountId, Verdict verdict, string? reason, CancellationToken cancellationToken)
    {
        var entry = new VerdictOverride(accountId, verdict, reason, time.GetUtcNow().UtcDateTime);
        store.SetOverride(entry);
        board.SetOverride(entry);
        Log.OverrideSet(logger, accountId, VerdictNames.ToWire(verdict), reason);
        await TellEngineAsync([accountId], verdict, reason, cancellationToken).ConfigureAwait(false);
        return entry;
    }

    /// <summary>
    /// Sets one override on every account the engine now places in <paramref name="campaignId"/> (its verdicts, and its
    /// findings for accounts it has not flagged), stored in one transaction; returns those accounts in id order, none
    /// when the campaign has no members. Accounts that join the campaign later are the engine's to judge.
    /// </summary>
    public async Task<IReadOnlyList<string>> SetCampaignOverrideAsync(string campaignId, Verdict verdict, string? reason, CancellationToken cancellationToken)
    {
        var members = await CampaignMembersAsync(campaignId, cancellationToken).ConfigureAwait(false);
        if (members.Count == 0)
        {
            return [];
        }

        var at = time.GetUtcNow().UtcDateTime;
        var entries = members.Select(id => new VerdictOverride(id, verdict, reason, at)).ToList();
        store.SetOverrides(entries);
        foreach (var entry in entries)
        {
            board.SetOverride(entry);
        }

        Log.CampaignOverrideSet(logger, campaignId, VerdictNames.ToWire(verdict), entries.Count, reason);
        IReadOnlyList<string> accounts = [.. members];
        await TellEngineAsync(accounts, verdict, reason, cancellationToken).ConfigureAwait(false);
        return accounts;
    }

    /// <summary>
    /// Removes the overrides of every account the engine now places in <paramref name="campaignId"/>, in one
    /// transaction, so the engine decides for them again; returns the accounts that had one, in id order.
    /// </summary>
    public async Task<IReadOnlyList<string>> ClearCampaignOverridesAsync(string campaignId, CancellationToken cancellationToken)
    {
        var members = await CampaignMembersAsync(campaignId, cancellationToken).ConfigureAwait(false);
        var removed = store.RemoveOverrides([.. members]);
        if (removed.Count == 0)
        {
            return [];
        }

        foreach (var accountId in removed)
        {
            board.RemoveOverride(accountId);
        }

        Log.CampaignOverridesCleared(logger, campaignId, removed.Count);
        await TellEngineAsync(removed, null, null, cancellationToken).ConfigureAwait(false);
        return removed;
    }

    /// <summary>The accounts the engine now places in a campaign (its verdicts, and its findings for accounts it has not flagged), in id order.</summary>
    private async Task<SortedSet<string>> CampaignMembersAsync(string campaignId, CancellationToken cancellationToken)
    {
        var findings = await FindingsAsync(cancellationToken).ConfigureAwait(false);
        var byAccount = findings.Accounts.ToDictionary(static a => a.AccountId, StringComparer.Ordinal);
        return new SortedSet<string>(
            board.EngineStatuses().Select(static s => s.AccountId).Concat(byAccount.Keys).Where(id => CampaignOf(id, byAccount) == campaignId),
            StringComparer.Ordinal);
    }

    /// <summary>The campaign an account is in now: the engine's latest verdict's, else its findings' (an account it has not flagged).</summary>
    public string? CampaignOf(string accountId, IReadOnlyDictionary<string, AccountFinding> findings) =>
        board.EngineStatus(accountId)?.CampaignId ?? findings.GetValueOrDefault(accountId)?.CampaignId;

    public async Task<bool> RemoveOverrideAsync(string accountId, CancellationToken cancellationToken)
    {
        var removed = store.RemoveOverride(accountId);
        board.RemoveOverride(accountId);
        if (removed)
        {
            await TellEngineAsync([accountId], null, null, cancellationToken).ConfigureAwait(false);
        }

        return removed;
    }

    /// <summary>
    /// The engine counts overrides for the other holders of each account's card (ban evasion); null clears them. Each is
    /// stamped with the log time the engine counts it from and appended to overrides.jsonl, so a scan of the folder and
    /// the replay at the next start count it there too.
    /// </summary>
    private Task TellEngineAsync(IReadOnlyList<string> accountIds, Verdict? verdict, string? reason, CancellationToken cancellationToken) =>
        pipeline.RunOnEngineAsync(engine =>
        {
            foreach (var accountId in accountIds)
            {
                var from = engine.AppliedThrough;
                engine.SetOverride(accountId, verdict, from);
                overridesFile.Append(new OverrideRecord(accountId, verdict, reason, from));
            }

            return true;
        }, cancellationToken);

    public Task<FindingsDocument> FindingsAsync(CancellationToken cancellationToken) =>
        pipeline.RunOnEngineAsync(engine => engine.SnapshotFindings(time.GetUtcNow().UtcDateTime), cancellationToken);
}
