using System.Globalization;
using System.Text.Json;
using DistillGuard.Core.Log;

namespace DistillGuard.Cli.Commands.Scan;

/// <summary>
/// Reads the optional accounts and model-releases files (JSON Lines, shared/spec/exchange-log.md). Bad lines go to
/// the same <see cref="BadRecordLog"/> as the exchange log's (strict mode throws there); good lines are kept.
/// </summary>
internal static class SideFileReader
{
    public static void ReadAccounts(string path, BadRecordLog bad, Action<AccountRecord> add) =>
        ReadLines(path, bad, (root, line) =>
        {
            var id = RequiredString(root, "account_id", path, line);
            var record = new AccountRecord
            {
                AccountId = id,
                CreatedAt = OptionalTime(root, "created_at", path, line),
                SignupChannel = OptionalString(root, "signup_channel", path, line) is { } channel ? LogNames.ParseSignupChannel(channel) : SignupChannel.Unknown,
                PaymentFingerprint = OptionalString(root, "payment_fingerprint", path, line),
                EmailDomain = OptionalString(root, "email_domain", path, line),
                BillingCountry = OptionalString(root, "billing_country", path, line),
                OrgId = OptionalString(root, "org_id", path, line),
            };
            if (root.TryGetProperty("verified", out var verified) && verified.ValueKind != JsonValueKind.Null)
            {
                record.Verified = verified.ValueKind switch
                {
                    JsonValueKind.True => true,
                    JsonValueKind.False => false,
                    _ => throw Bad(BadRecordKind.WrongType, path, line, "verified", "field 'verified' must be a boolean"),
                };
            }

            add(record);
        });

    public static void ReadModels(string path, BadRecordLog bad, Action<ModelRelease> add) =>
        ReadLines(path, bad, (root, line) =>
        {
            var model = RequiredString(root, "model", path, line);
            var released = OptionalTime(root, "released_at", path, line)
                ?? throw Bad(BadRecordKind.MissingField, path, line, "released_at", "required field 'released_at' is missing");
            add(new ModelRelease(model, released));
        });

    private static void ReadLines(string path, BadRecordLog bad, Action<JsonElement, long> handle)
    {
        using var reader = new StreamReader(path);
        long line = 0;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            try
            {
                using var document = JsonDocument.Parse(text);
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw Bad(BadRecordKind.MalformedJson, path, line, null, "line is not a JSON object");
                }

                handle(document.RootElement, line);
            }
            catch (JsonException ex)
            {
                bad.Add(new BadRecord(BadRecordKind.MalformedJson, path, line, null, $"not valid JSON ({ex.Message})"));
            }
            catch (SideRecordException ex)
            {
                bad.Add(ex.Record);
            }
        }
    }

    private static string RequiredString(JsonElement root, string name, string path, long line) =>
        OptionalString(root, name, path, line) is { Length: > 0 } value
            ? value
            : throw Bad(BadRecordKind.MissingField, path, line, name, $"required field '{name}' is missing or empty");

    private static string? OptionalString(JsonElement root, string name, string path, long line)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Bad(BadRecordKind.WrongType, path, line, name, $"field '{name}' must be a string");
    }

    private static DateTime? OptionalTime(JsonElement root, string name, string path, long line)
    {
        if (OptionalString(root, name, path, line) is not { } text)
        {
            return null;
        }

        // An offset is required: a time without one does not say when it happened.
        var hasOffset = text.EndsWith('Z') || text.EndsWith('z') || (text.Length > 6 && text[^3] == ':' && text[^6] is '+' or '-');
        return hasOffset && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var value)
            ? value.UtcDateTime
            : throw Bad(BadRecordKind.BadTimestamp, path, line, name, $"field '{name}' is not an RFC 3339 timestamp with an offset: '{text}'");
    }

    private static SideRecordException Bad(BadRecordKind kind, string path, long line, string? field, string message) =>
        new(new BadRecord(kind, path, line, field, message));
}
