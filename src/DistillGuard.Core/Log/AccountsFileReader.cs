using System.Text.Json;

namespace DistillGuard.Core.Log;

/// <summary>Reads the accounts file (JSON Lines, optionally gzip) of shared/spec/exchange-log.md.</summary>
public static class AccountsFileReader
{
    /// <summary>
    /// All valid account records in file order. Bad lines (malformed, no <c>account_id</c>, a bad <c>created_at</c> or
    /// <c>effective_from</c>, wrong types) go to <paramref name="badRecords"/> (which throws on the first in strict mode); an unknown
    /// <c>signup_channel</c> reads as <see cref="SignupChannel.Unknown"/>.
    /// </summary>
    public static List<AccountRecord> Read(string path, BadRecordLog badRecords, int maxLineBytes = 1024 * 1024) =>
        RecordFileReader.Read(path, badRecords, maxLineBytes, Parse);

    private static AccountRecord Parse(ref SpanJsonReader reader, Utf8StringPool pool)
    {
        var account = new AccountRecord();
        string? id = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("account_id"u8))
            {
                id = RecordFileReader.String(ref reader, pool, "account_id");
            }
            else if (reader.ValueTextEquals("created_at"u8))
            {
                account.CreatedAt = RecordFileReader.Time(ref reader, "created_at");
            }
            else if (reader.ValueTextEquals("signup_channel"u8))
            {
                var channel = RecordFileReader.String(ref reader, pool, "signup_channel");
                account.SignupChannel = channel is null ? SignupChannel.Unknown : LogNames.ParseSignupChannel(channel);
            }
            else if (reader.ValueTextEquals("payment_fingerprint"u8))
            {
                account.PaymentFingerprint = RecordFileReader.String(ref reader, pool, "payment_fingerprint");
            }
            else if (reader.ValueTextEquals("email_domain"u8))
            {
                account.EmailDomain = RecordFileReader.String(ref reader, pool, "email_domain");
            }
            else if (reader.ValueTextEquals("billing_country"u8))
            {
                account.BillingCountry = RecordFileReader.String(ref reader, pool, "billing_country")?.ToUpperInvariant();
            }
            else if (reader.ValueTextEquals("effective_from"u8))
            {
                account.EffectiveFrom = RecordFileReader.Time(ref reader, "effective_from");
            }
            else if (reader.ValueTextEquals("org_id"u8))
            {
                account.OrgId = RecordFileReader.String(ref reader, pool, "org_id");
            }
            else if (reader.ValueTextEquals("verified"u8))
            {
                reader.Read();
                account.Verified = reader.TokenType switch
                {
                    JsonTokenType.True => true,
                    JsonTokenType.False => false,
                    JsonTokenType.Null => null,
                    _ => throw JsonValues.WrongType(ref reader, "verified", "a boolean"),
                };
            }
            else
            {
                reader.Skip();
            }
        }

        account.AccountId = string.IsNullOrEmpty(id) ? throw JsonValues.Missing("account_id") : id;
        return account;
    }
}
