using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Features.Detection;

/// <summary>
/// accounts.jsonl beside the store at start: the file holds each account's records with the log time each counted from,
/// the store only the latest. The two agree unless the file was edited, or a stop came between the store's write and the
/// file's append.
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

    /// <summary>The latest <see cref="AccountRecord.EffectiveFrom"/> in the file: a record stamped with it counts after all of them.</summary>
    public static DateTime? LatestStamp(IReadOnlyList<AccountRecord> history)
    {
        DateTime? latest = null;
        foreach (var record in history)
        {
            if (record.EffectiveFrom is { } from && (latest is null || from > latest))
            {
                latest = from;
            }
        }

        return latest;
    }

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
