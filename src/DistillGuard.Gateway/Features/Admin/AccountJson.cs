using System.Globalization;
using System.Text.Json;
using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Features.Admin;

/// <summary>Reads account records (the accounts-file format) from a JSON array, one object, or JSON Lines.</summary>
internal static class AccountJson
{
    public static List<AccountRecord> ParseMany(string text)
    {
        var accounts = new List<AccountRecord>();
        var trimmed = text.TrimStart();
        if (trimmed.StartsWith('['))
        {
            using var doc = Parse(trimmed, 1);
            foreach (var element in doc.RootElement.EnumerateArray())
            {
                accounts.Add(Read(element, accounts.Count + 1));
            }

            return accounts;
        }

        var line = 0;
        foreach (var raw in text.Split('\n'))
        {
            line++;
            if (raw.Trim().Length == 0)
            {
                continue;
            }

            using var doc = Parse(raw, line);
            accounts.Add(Read(doc.RootElement, line));
        }

        return accounts;
    }

    private static JsonDocument Parse(string json, int line)
    {
        try
        {
            return JsonDocument.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new FormatException($"account record {line}: not valid JSON ({ex.Message})", ex);
        }
    }

    private static AccountRecord Read(JsonElement e, int item)
    {
        if (e.ValueKind != JsonValueKind.Object || !e.TryGetProperty("account_id", out var id) || id.ValueKind != JsonValueKind.String)
        {
            throw new FormatException($"account record {item}: field 'account_id' (string) is required");
        }

        return new AccountRecord
        {
            AccountId = id.GetString()!,
            CreatedAt = Str(e, "created_at") is { } created ? DateTime.Parse(created, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal) : null,
            SignupChannel = Str(e, "signup_channel") is { } channel ? LogNames.ParseSignupChannel(channel) : SignupChannel.Unknown,
            PaymentFingerprint = Str(e, "payment_fingerprint"),
            EmailDomain = Str(e, "email_domain"),
            BillingCountry = Str(e, "billing_country"),
            Verified = e.TryGetProperty("verified", out var v) && v.ValueKind is JsonValueKind.True or JsonValueKind.False ? v.GetBoolean() : null,
            OrgId = Str(e, "org_id"),
        };
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
