using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;
using Microsoft.Data.Sqlite;

namespace DistillGuard.Gateway.Features.Store;

internal sealed partial class GatewayStore
{
    /// <summary>Inserts or replaces an account's attributes.</summary>
    public void UpsertAccount(AccountRecord account) => Execute(
        """
        INSERT INTO accounts (account_id, created_at, signup_channel, payment_fingerprint, email_domain, billing_country, verified, org_id)
        VALUES ($id, $created, $channel, $payment, $email, $country, $verified, $org)
        ON CONFLICT(account_id) DO UPDATE SET created_at = excluded.created_at, signup_channel = excluded.signup_channel,
            payment_fingerprint = excluded.payment_fingerprint, email_domain = excluded.email_domain,
            billing_country = excluded.billing_country, verified = excluded.verified, org_id = excluded.org_id
        """,
        ("$id", account.AccountId),
        ("$created", account.CreatedAt is { } created ? Time(created) : null),
        ("$channel", account.SignupChannel == SignupChannel.Unknown ? null : LogNames.ToWire(account.SignupChannel)),
        ("$payment", account.PaymentFingerprint),
        ("$email", account.EmailDomain),
        ("$country", account.BillingCountry),
        ("$verified", account.Verified is { } verified ? (verified ? 1 : 0) : null),
        ("$org", account.OrgId));

    public bool AccountExists(string accountId) =>
        Query("SELECT 1 FROM accounts WHERE account_id = $id", static _ => true, ("$id", accountId)).Count > 0;

    public List<AccountRecord> LoadAccounts() => Query(AccountColumns + " ORDER BY account_id", ReadAccount);

    /// <summary>One account's record, or null when the store has none.</summary>
    public AccountRecord? FindAccount(string accountId) =>
        Query(AccountColumns + " WHERE account_id = $id", ReadAccount, ("$id", accountId)) is [var account] ? account : null;

    private const string AccountColumns = "SELECT account_id, created_at, signup_channel, payment_fingerprint, email_domain, billing_country, verified, org_id FROM accounts";

    private static AccountRecord ReadAccount(SqliteDataReader r) => new()
    {
        AccountId = r.GetString(0),
        CreatedAt = r.IsDBNull(1) ? null : ParseTime(r.GetString(1)),
        SignupChannel = r.IsDBNull(2) ? SignupChannel.Unknown : LogNames.ParseSignupChannel(r.GetString(2)),
        PaymentFingerprint = NullableString(r, 3),
        EmailDomain = NullableString(r, 4),
        BillingCountry = NullableString(r, 5),
        Verified = r.IsDBNull(6) ? null : r.GetInt64(6) != 0,
        OrgId = NullableString(r, 7),
    };

    public void SetOverride(VerdictOverride entry) => SetOverrides([entry]);

    /// <summary>Sets many overrides in one transaction: all are stored, or none (a campaign acted on at once).</summary>
    public void SetOverrides(IReadOnlyList<VerdictOverride> entries)
    {
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = Command("INSERT OR REPLACE INTO overrides (account_id, verdict, reason, created_at) VALUES ($id, $verdict, $reason, $at)", [("$id", null), ("$verdict", null), ("$reason", null), ("$at", null)]);
            command.Transaction = transaction;
            foreach (var entry in entries)
            {
                command.Parameters["$id"].Value = entry.AccountId;
                command.Parameters["$verdict"].Value = VerdictNames.ToWire(entry.Verdict);
                command.Parameters["$reason"].Value = (object?)entry.Reason ?? DBNull.Value;
                command.Parameters["$at"].Value = Time(entry.CreatedAt);
                command.ExecuteNonQuery();
            }

            transaction.Commit();
        }
    }

    public bool RemoveOverride(string accountId) => RemoveOverrides([accountId]).Count == 1;

    /// <summary>Removes many overrides in one transaction; returns the accounts that had one, in the order given.</summary>
    public List<string> RemoveOverrides(IReadOnlyList<string> accountIds)
    {
        var removed = new List<string>();
        lock (_lock)
        {
            using var transaction = _connection.BeginTransaction();
            using var command = Command("DELETE FROM overrides WHERE account_id = $id", [("$id", null)]);
            command.Transaction = transaction;
            foreach (var accountId in accountIds)
            {
                command.Parameters["$id"].Value = accountId;
                if (command.ExecuteNonQuery() == 1)
                {
                    removed.Add(accountId);
                }
            }

            transaction.Commit();
        }

        return removed;
    }

    public List<VerdictOverride> LoadOverrides() => Query(
        "SELECT account_id, verdict, reason, created_at FROM overrides ORDER BY account_id",
        static r => new VerdictOverride(r.GetString(0), ParseVerdict(r.GetString(1)), NullableString(r, 2), ParseTime(r.GetString(3))));
}
