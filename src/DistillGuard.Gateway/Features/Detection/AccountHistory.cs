using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Store;

namespace DistillGuard.Gateway.Features.Detection;

/// <summary>
/// accounts.jsonl and overrides.jsonl beside the store at start: the files hold each account's records and overrides
/// with the log time each counted from, the store only the latest. They agree unless a file was edited, or a stop came
/// between the store's write and the file's append.
/// </summary>
internal static class AccountHistory
{
    /// <summary>The store's records that the file's latest record of the same account does not hold, in store order.</summary>
    public static List<AccountRecord> NotInFile(IReadOnlyList<AccountRecord> history, IReadOnlyList<AccountRecord> stored)
    {
        var latest = new Dictionary<string, AccountRecord>(history.Count, StringComparer.Ordinal);
        foreach (var record in history)
        {
            latest[record.AccountId] = record;
        }

        return [.. stored.Where(s => !latest.TryGetValue(s.AccountId, out var last) || !SameAttributes(s, last))];
    }

    /// <summary>
    /// The store's overrides, as changes to append, where the file's last line for the account does not say the same:
    /// one set in the store, or a clearing where the file's last line set one the store no longer holds.
    /// </summary>
    public static List<OverrideRecord> NotInFile(IReadOnlyList<OverrideRecord> history, IReadOnlyList<VerdictOverride> stored)
    {
        var latest = new Dictionary<string, Verdict?>(history.Count, StringComparer.Ordinal);
        foreach (var entry in history)
        {
            latest[entry.AccountId] = entry.Verdict;
        }

        var inStore = stored.ToDictionary(static o => o.AccountId, StringComparer.Ordinal);
        var lacking = stored
            .Where(o => !latest.TryGetValue(o.AccountId, out var last) || last != o.Verdict)
            .Select(static o => o.FromTheStart())
            .ToList();
        lacking.AddRange(latest
            .Where(l => l.Value is not null && !inStore.ContainsKey(l.Key))
            .OrderBy(static l => l.Key, StringComparer.Ordinal)
            .Select(static l => new OverrideRecord(l.Key, null, null, null)));
        return lacking;
    }

    /// <summary>The latest stamp in a file: a line stamped with it (or the engine's later one) counts after all of them.</summary>
    public static DateTime? LatestStamp(IEnumerable<DateTime?> stamps)
    {
        DateTime? latest = null;
        foreach (var stamp in stamps)
        {
            if (stamp is { } from && (latest is null || from > latest))
            {
                latest = from;
            }
        }

        return latest;
    }

    /// <summary>Where a line the file lacks counts from: the engine's place now, or after every line the file holds.</summary>
    public static DateTime? StampAfter(DateTime? appliedThrough, DateTime? latestInFile) =>
        appliedThrough is { } through && (latestInFile is null || through > latestInFile) ? through : latestInFile;

    /// <summary>Equal as the file holds them: times to the millisecond, the country in any case.</summary>
    public static bool SameAttributes(AccountRecord a, AccountRecord b) =>
        string.Equals(a.AccountId, b.AccountId, StringComparison.Ordinal)
        && Millisecond(a.CreatedAt) == Millisecond(b.CreatedAt)
        && a.SignupChannel == b.SignupChannel
        && string.Equals(a.PaymentFingerprint, b.PaymentFingerprint, StringComparison.Ordinal)
        && string.Equals(a.EmailDomain, b.EmailDomain, StringComparison.Ordinal)
        && string.Equals(a.BillingCountry, b.BillingCountry, StringComparison.OrdinalIgnoreCase)
        && a.Verified == b.Verified
        && string.Equals(a.OrgId, b.OrgId, StringComparison.Ordinal);

    private static long? Millisecond(DateTime? time) => time?.ToUniversalTime().Ticks / TimeSpan.TicksPerMillisecond;
}
