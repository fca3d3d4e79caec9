using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Features.Store;

namespace DistillGuard.Gateway.Features.Detection;

/// <summary>
/// accounts.jsonl and overrides.jsonl at start, beside the store: with a replay the engine is given the files' lines,
/// each from where the live engine counted it, as a scan of the folder is; after it, what the store holds that a file
/// does not end with counts from there and is appended, and a missing file is written from the store.
/// </summary>
internal sealed class SideFilesAtStart
{
    private readonly AccountsLogFile _accountsFile;
    private readonly OverridesLogFile _overridesFile;
    private readonly List<AccountRecord> _accounts;
    private readonly List<VerdictOverride> _overrides;
    private readonly List<AccountRecord>? _accountHistory;
    private readonly List<OverrideRecord>? _overrideHistory;
    private readonly ILogger _logger;

    private SideFilesAtStart(AccountsLogFile accountsFile, OverridesLogFile overridesFile, List<AccountRecord> accounts, List<VerdictOverride> overrides, ILogger logger)
    {
        _accountsFile = accountsFile;
        _overridesFile = overridesFile;
        _accounts = accounts;
        _overrides = overrides;
        _logger = logger;
        _accountHistory = Read(accountsFile.Path, accountsFile.ReadHistory);
        _overrideHistory = Read(overridesFile.Path, overridesFile.ReadHistory);
    }

    /// <summary>Reads both files (bad lines skipped with a warning naming file and line) beside the store's rows.</summary>
    public static SideFilesAtStart Read(AccountsLogFile accountsFile, OverridesLogFile overridesFile, List<AccountRecord> accounts, List<VerdictOverride> overrides, ILogger logger) =>
        new(accountsFile, overridesFile, accounts, overrides, logger);

    /// <summary>On the engine thread, before the replay: the files' lines when replaying and present, else the store's rows.</summary>
    public void GiveEngine(DetectionEngine engine, bool replay)
    {
        foreach (var account in replay && _accountHistory is not null ? _accountHistory : _accounts)
        {
            engine.AddAccount(account);
        }

        foreach (var entry in replay && _overrideHistory is not null ? _overrideHistory : _overrides.Select(static o => o.FromTheStart()))
        {
            engine.SetOverride(entry.AccountId, entry.Verdict, entry.EffectiveFrom);
        }
    }

    /// <summary>
    /// On the engine thread, after the replay: what the store holds that a file does not end with is put in force from
    /// here (after every line the file holds) and appended, as a live change would be; a missing file is written whole.
    /// </summary>
    public void BringUpToStore(DetectionEngine engine, bool replayed)
    {
        if (_accountHistory is null)
        {
            _accountsFile.WriteSnapshot(_accounts);
        }
        else
        {
            var lacking = AccountHistory.NotInFile(_accountHistory, _accounts);
            var from = AccountHistory.StampAfter(engine.AppliedThrough, AccountHistory.LatestStamp(_accountHistory.Select(static r => r.EffectiveFrom)));
            foreach (var record in lacking)
            {
                record.EffectiveFrom = from;
                if (replayed)
                {
                    engine.AddAccount(record);
                }

                _accountsFile.Append(record);
            }

            if (lacking.Count > 0)
            {
                Log.AccountsFileBehindStore(_logger, lacking.Count, _accountsFile.Path, lacking[0].AccountId);
            }
        }

        if (_overrideHistory is null)
        {
            _overridesFile.WriteSnapshot(_overrides.Select(static o => o.FromTheStart()));
        }
        else
        {
            var lacking = AccountHistory.NotInFile(_overrideHistory, _overrides);
            var from = AccountHistory.StampAfter(engine.AppliedThrough, AccountHistory.LatestStamp(_overrideHistory.Select(static o => o.EffectiveFrom)));
            foreach (var entry in lacking.Select(e => e with { EffectiveFrom = from }))
            {
                if (replayed)
                {
                    engine.SetOverride(entry.AccountId, entry.Verdict, entry.EffectiveFrom);
                }

                _overridesFile.Append(entry);
            }

            if (lacking.Count > 0)
            {
                Log.OverridesFileBehindStore(_logger, lacking.Count, _overridesFile.Path, lacking[0].AccountId);
            }
        }
    }

    private List<T>? Read<T>(string path, Func<BadRecordLog, List<T>?> read)
    {
        var bad = new BadRecordLog(strict: false);
        var lines = read(bad);
        if (bad.Total > 0)
        {
            Log.SideFileBadRecords(_logger, path, bad.Total, string.Join("; ", bad.Samples));
        }

        return lines;
    }
}
