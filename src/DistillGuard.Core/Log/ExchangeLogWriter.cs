using System.Text.Json;
using DistillGuard.Core.Engine;

namespace DistillGuard.Core.Log;

/// <summary>
/// Writes exchange-log, account and model-release records in the spec's JSON Lines format.
/// The simulator and the gateway both write through here, so what they write is what <c>scan</c> reads.
/// </summary>
public static class ExchangeLogWriter
{
    /// <summary>
    /// Writer options for log lines: only what JSON itself requires is escaped (a log file is not HTML, so the default
    /// encoder's escaping of <c>+</c>, <c>&lt;</c> or non-ASCII letters only costs time and bytes), and the writer's
    /// own structure checks are skipped (these methods always write whole records).
    /// </summary>
    public static readonly JsonWriterOptions Options = new()
    {
        SkipValidation = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Writes one exchange record (without the trailing newline). Metadata comes from <paramref name="exchange"/>
    /// (its normalised <see cref="Exchange.Request"/>/<see cref="Exchange.Response"/> are ignored); the bodies are
    /// written verbatim from <paramref name="requestJson"/> and, when not empty, <paramref name="responseJson"/>.
    /// </summary>
    public static void WriteExchange(Utf8JsonWriter writer, Exchange exchange, ReadOnlySpan<byte> requestJson, ReadOnlySpan<byte> responseJson)
    {
        writer.WriteStartObject();
        Span<byte> ts = stackalloc byte[LogNames.TimeLength];
        LogNames.FormatTime(exchange.Timestamp, ts);
        writer.WriteString("ts"u8, ts);
        if (exchange.RequestId is { } requestId)
        {
            writer.WriteString("request_id"u8, requestId);
        }

        writer.WriteString("account_id"u8, exchange.AccountId);
        WriteIfPresent(writer, "api_key_id"u8, exchange.ApiKeyId);
        WriteIfPresent(writer, "ip"u8, exchange.Ip);
        if (exchange.Asn is { } asn)
        {
            writer.WriteNumber("asn"u8, asn);
        }

        WriteIfPresent(writer, "asn_org"u8, exchange.AsnOrg);
        if (exchange.AsnType != AsnType.Unknown)
        {
            writer.WriteString("asn_type"u8, LogNames.ToWire(exchange.AsnType));
        }

        WriteIfPresent(writer, "country"u8, exchange.Country);
        WriteIfPresent(writer, "user_agent"u8, exchange.UserAgent);
        WriteIfPresent(writer, "tls_fingerprint"u8, exchange.TlsFingerprint);
        if (exchange.Api != ApiShape.Unknown)
        {
            writer.WriteString("api"u8, LogNames.ToWire(exchange.Api));
        }

        if (exchange.Status is { } status)
        {
            writer.WriteNumber("status"u8, status);
        }

        if (exchange.LatencyMs is { } latency)
        {
            writer.WriteNumber("latency_ms"u8, Math.Round(latency, 1));
        }

        writer.WritePropertyName("request"u8);
        writer.WriteRawValue(requestJson, skipInputValidation: true);
        if (!responseJson.IsEmpty)
        {
            writer.WritePropertyName("response"u8);
            writer.WriteRawValue(responseJson, skipInputValidation: true);
        }

        var usage = exchange.Usage;
        if (usage != default)
        {
            writer.WriteStartObject("usage"u8);
            writer.WriteNumber("input_tokens"u8, usage.InputTokens);
            writer.WriteNumber("output_tokens"u8, usage.OutputTokens);
            writer.WriteNumber("reasoning_tokens"u8, usage.ReasoningTokens);
            writer.WriteEndObject();
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one accounts-file record (without the trailing newline).</summary>
    public static void WriteAccount(Utf8JsonWriter writer, AccountRecord account)
    {
        writer.WriteStartObject();
        writer.WriteString("account_id"u8, account.AccountId);
        if (account.CreatedAt is { } created)
        {
            writer.WriteString("created_at"u8, LogNames.FormatTime(created));
        }

        if (account.SignupChannel != SignupChannel.Unknown)
        {
            writer.WriteString("signup_channel"u8, LogNames.ToWire(account.SignupChannel));
        }

        WriteIfPresent(writer, "payment_fingerprint"u8, account.PaymentFingerprint);
        WriteIfPresent(writer, "email_domain"u8, account.EmailDomain);
        WriteIfPresent(writer, "billing_country"u8, account.BillingCountry);
        if (account.Verified is { } verified)
        {
            writer.WriteBoolean("verified"u8, verified);
        }

        WriteIfPresent(writer, "org_id"u8, account.OrgId);
        if (account.EffectiveFrom is { } from)
        {
            writer.WriteString("effective_from"u8, LogNames.FormatTime(from));
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one line of a gateway's overrides file (without the trailing newline).</summary>
    public static void WriteOverride(Utf8JsonWriter writer, OverrideRecord entry)
    {
        writer.WriteStartObject();
        writer.WriteString("account_id"u8, entry.AccountId);
        if (entry.Verdict is { } verdict)
        {
            writer.WriteString("verdict"u8, VerdictNames.ToWire(verdict));
        }
        else
        {
            writer.WriteNull("verdict"u8);
        }

        WriteIfPresent(writer, "reason"u8, entry.Reason);
        if (entry.EffectiveFrom is { } from)
        {
            writer.WriteString("effective_from"u8, LogNames.FormatTime(from));
        }

        writer.WriteEndObject();
    }

    /// <summary>Writes one model-releases record (without the trailing newline).</summary>
    public static void WriteModelRelease(Utf8JsonWriter writer, ModelRelease release)
    {
        writer.WriteStartObject();
        writer.WriteString("model"u8, release.Model);
        writer.WriteString("released_at"u8, LogNames.FormatTime(release.ReleasedAt));
        writer.WriteEndObject();
    }

    private static void WriteIfPresent(Utf8JsonWriter writer, ReadOnlySpan<byte> name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }
}
