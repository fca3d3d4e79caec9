using System.Buffers;
using System.Text.Json;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Failover;
using DistillGuard.Gateway.Features.Reload;
using DistillGuard.Gateway.Features.Store;

namespace DistillGuard.Gateway.Features.Admin;

/// <summary>The token-protected admin API under <c>/admin</c>.</summary>
internal static partial class AdminEndpoints
{
    public static void MapAdmin(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/admin").AddEndpointFilter<AdminTokenFilter>();
        admin.MapGet("/accounts/flagged", FlaggedAsync);
        admin.MapGet("/accounts/{accountId}", AccountAsync);
        admin.MapGet("/campaigns", CampaignsAsync);
        admin.MapGet("/findings", async (AdminService service, CancellationToken ct) =>
            Results.Text(FindingsSerializer.ToJson(await service.FindingsAsync(ct).ConfigureAwait(false)), "application/json"));
        admin.MapPut("/accounts/{accountId}/override", SetOverrideAsync);
        admin.MapDelete("/accounts/{accountId}/override", async (string accountId, AdminService service, CancellationToken ct) =>
            await service.RemoveOverrideAsync(accountId, ct).ConfigureAwait(false) ? Results.NoContent() : Results.NotFound());
        admin.MapPut("/campaigns/{campaignId}/override", SetCampaignOverrideAsync);
        admin.MapDelete("/campaigns/{campaignId}/override", ClearCampaignOverridesAsync);
        admin.MapPost("/accounts", UpsertAccountsAsync);
        admin.MapPost("/keys", CreateKeyAsync);
        admin.MapGet("/keys", (string? account_id, AdminService service) => Json(w =>
        {
            w.WriteStartArray();
            foreach (var key in service.ListKeys(account_id))
            {
                WriteKey(w, key);
            }

            w.WriteEndArray();
        }));
        admin.MapDelete("/keys/{keyId}", (string keyId, AdminService service) => service.RevokeKey(keyId) ? Results.NoContent() : Results.NotFound());
        admin.MapPost("/config/reload", async (ConfigReloader reloader, CancellationToken cancellationToken) =>
            WriteReload(await reloader.ReloadAsync("admin API", cancellationToken).ConfigureAwait(false)));
        admin.MapGet("/upstreams", (UpstreamRouter router) => Json(w => WriteUpstreams(w, router)));
        admin.MapPost("/upstreams/probe", async (UpstreamHealthProbe probe, UpstreamRouter router, CancellationToken ct) =>
        {
            await probe.ProbeAllAsync(ct).ConfigureAwait(false);
            return Json(w => WriteUpstreams(w, router));
        });
    }

    internal static IResult Json(Action<Utf8JsonWriter> write, int statusCode = StatusCodes.Status200OK)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            write(writer);
        }

        return Results.Text(buffer.WrittenSpan, "application/json", statusCode);
    }

    /// <summary>200 with what changed, or 400 with why the new configuration was rejected (the old one stays).</summary>
    private static IResult WriteReload(ConfigReloadResult result) => Json(
        w =>
        {
            w.WriteStartObject();
            w.WriteString("status"u8, result.Applied ? "applied" : "rejected");
            WriteList(w, "changed"u8, result.Changed);
            WriteList(w, "need_restart"u8, result.NeedRestart);
            WriteList(w, "errors"u8, result.Errors);
            w.WriteEndObject();
        },
        result.Applied ? StatusCodes.Status200OK : StatusCodes.Status400BadRequest);

    /// <summary>A key as the admin API lists it: its id, never the key or its hash.</summary>
    private static void WriteKey(Utf8JsonWriter w, StoredKey key)
    {
        w.WriteStartObject();
        w.WriteString("key_id"u8, key.KeyId);
        w.WriteString("account_id"u8, key.AccountId);
        w.WriteString("created_at"u8, LogNames.FormatTime(key.CreatedAt));
        if (key.RevokedAt is { } revoked)
        {
            w.WriteString("revoked_at"u8, LogNames.FormatTime(revoked));
        }

        w.WriteEndObject();
    }

    private static void WriteList(Utf8JsonWriter w, ReadOnlySpan<byte> name, IReadOnlyList<string> items)
    {
        w.WriteStartArray(name);
        foreach (var item in items)
        {
            w.WriteStringValue(item);
        }

        w.WriteEndArray();
    }

    internal static void WriteUpstreams(Utf8JsonWriter w, UpstreamRouter router)
    {
        w.WriteStartArray();
        foreach (var upstream in router.Upstreams)
        {
            w.WriteStartObject();
            w.WriteString("name"u8, upstream.Name);
            w.WriteString("api"u8, LogNames.ToWire(upstream.Shape));
            w.WriteBoolean("healthy"u8, upstream.Healthy);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static async Task<IResult> CampaignsAsync(AdminService service, CancellationToken ct)
    {
        var findings = await service.FindingsAsync(ct).ConfigureAwait(false);
        var campaignsOnly = new FindingsDocument { GeneratedAt = findings.GeneratedAt, Input = findings.Input, Campaigns = findings.Campaigns };
        using var doc = JsonDocument.Parse(FindingsSerializer.ToJson(campaignsOnly));
        return Json(w => (doc.RootElement.TryGetProperty("campaigns", out var campaigns) ? campaigns : default).WriteTo(w));
    }

    private static async Task<IResult> SetOverrideAsync(string accountId, HttpRequest request, AdminService service, CancellationToken ct)
    {
        if (await ReadOverrideAsync(request).ConfigureAwait(false) is not var (verdict, reason))
        {
            return OverrideBodyExpected();
        }

        var entry = await service.SetOverrideAsync(accountId, verdict, reason, ct).ConfigureAwait(false);
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("account_id"u8, entry.AccountId);
            w.WriteString("verdict"u8, VerdictNames.ToWire(entry.Verdict));
            w.WriteString("reason"u8, entry.Reason);
            w.WriteEndObject();
        });
    }

    /// <summary>One override on every account now in the campaign: 200 with them, 404 when the campaign has none.</summary>
    private static async Task<IResult> SetCampaignOverrideAsync(string campaignId, HttpRequest request, AdminService service, CancellationToken ct)
    {
        if (await ReadOverrideAsync(request).ConfigureAwait(false) is not var (verdict, reason))
        {
            return OverrideBodyExpected();
        }

        var accounts = await service.SetCampaignOverrideAsync(campaignId, verdict, reason, ct).ConfigureAwait(false);
        if (accounts.Count == 0)
        {
            return Results.NotFound(new Dictionary<string, string> { ["error"] = $"campaign {campaignId} has no accounts now" });
        }

        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("campaign_id"u8, campaignId);
            w.WriteString("verdict"u8, VerdictNames.ToWire(verdict));
            w.WriteString("reason"u8, reason);
            WriteList(w, "accounts"u8, accounts);
            w.WriteEndObject();
        });
    }

    /// <summary>Back to the engine's verdict for every account now in the campaign: 200 with those that had an override, 404 when none had.</summary>
    private static async Task<IResult> ClearCampaignOverridesAsync(string campaignId, AdminService service, CancellationToken ct)
    {
        var accounts = await service.ClearCampaignOverridesAsync(campaignId, ct).ConfigureAwait(false);
        if (accounts.Count == 0)
        {
            return Results.NotFound(new Dictionary<string, string> { ["error"] = $"no account of campaign {campaignId} has an override" });
        }

        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("campaign_id"u8, campaignId);
            WriteList(w, "accounts"u8, accounts);
            w.WriteEndObject();
        });
    }

    /// <summary>The <c>{"verdict": ..., "reason": ...}</c> body of an override; null when it is not one.</summary>
    private static async Task<(Verdict Verdict, string? Reason)?> ReadOverrideAsync(HttpRequest request)
    {
        var body = await ReadObjectAsync(request).ConfigureAwait(false);
        if (body is null || !body.Value.TryGetProperty("verdict", out var v) || v.ValueKind != JsonValueKind.String || !VerdictNames.TryParse(v.GetString(), out var verdict))
        {
            return null;
        }

        return (verdict, body.Value.TryGetProperty("reason", out var r) && r.ValueKind == JsonValueKind.String ? r.GetString() : null);
    }

    private static IResult OverrideBodyExpected() =>
        Results.BadRequest(new Dictionary<string, string> { ["error"] = "body must be {\"verdict\": \"allow|review|throttle|block\", \"reason\": \"...\"}" });

    private static async Task<IResult> UpsertAccountsAsync(HttpRequest request, AdminService service, CancellationToken ct)
    {
        List<AccountRecord> accounts;
        try
        {
            accounts = AccountJson.ParseMany(await new StreamReader(request.Body).ReadToEndAsync(ct).ConfigureAwait(false));
        }
        catch (FormatException ex)
        {
            return Results.BadRequest(new Dictionary<string, string> { ["error"] = ex.Message });
        }

        await service.UpsertAccountsAsync(accounts, ct).ConfigureAwait(false);
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteNumber("accounts"u8, accounts.Count);
            w.WriteEndObject();
        });
    }

    private static async Task<IResult> CreateKeyAsync(HttpRequest request, AdminService service, CancellationToken ct)
    {
        var body = await ReadObjectAsync(request).ConfigureAwait(false);
        if (body is null || !body.Value.TryGetProperty("account_id", out var a) || a.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(a.GetString()))
        {
            return Results.BadRequest(new Dictionary<string, string> { ["error"] = "body must be {\"account_id\": \"...\"}" });
        }

        var (entry, key) = await service.CreateKeyAsync(a.GetString()!, ct).ConfigureAwait(false);
        return Json(w =>
        {
            w.WriteStartObject();
            w.WriteString("key_id"u8, entry.KeyId);
            w.WriteString("account_id"u8, entry.AccountId);
            w.WriteString("api_key"u8, key);
            w.WriteEndObject();
        });
    }

    private static async Task<JsonElement?> ReadObjectAsync(HttpRequest request)
    {
        try
        {
            using var doc = await JsonDocument.ParseAsync(request.Body).ConfigureAwait(false);
            return doc.RootElement.ValueKind == JsonValueKind.Object ? doc.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
