using System.Text.Json;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Detection;

namespace DistillGuard.Gateway.Features.Admin;

/// <summary>Accounts in the admin API: the flagged list, and one account whatever its verdict.</summary>
internal static partial class AdminEndpoints
{
    /// <summary>The most accounts one page of <c>/admin/accounts/flagged</c> may ask for.</summary>
    private const int MaxFlaggedPage = 10_000;

    /// <summary>
    /// Flagged accounts in account-id order, filtered by <c>verdict</c> (the effective one) and <c>campaign_id</c>;
    /// with <c>limit</c>, one page after <c>after</c> and a <c>Link: rel="next"</c> header while more remain, so a
    /// 25,000-account campaign can be walked without one response holding all of it. <c>X-Total-Count</c> says how
    /// many match.
    /// </summary>
    private static async Task<IResult> FlaggedAsync(HttpContext context, AdminService service, VerdictBoard board, string? verdict, string? campaign_id, int? limit, string? after, CancellationToken ct)
    {
        Verdict wanted = default;
        if (verdict is not null && !VerdictNames.TryParse(verdict, out wanted))
        {
            return Results.BadRequest(new Dictionary<string, string> { ["error"] = $"verdict '{verdict}' is not one of allow, review, throttle, block" });
        }

        if (limit is < 1 or > MaxFlaggedPage)
        {
            return Results.BadRequest(new Dictionary<string, string> { ["error"] = $"limit must be between 1 and {MaxFlaggedPage}" });
        }

        var findings = await service.FindingsAsync(ct).ConfigureAwait(false);
        var reasons = findings.Accounts.ToDictionary(static a => a.AccountId, StringComparer.Ordinal);
        var ids = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var status in board.EngineStatuses())
        {
            if (status.Verdict != Verdict.Allow)
            {
                ids.Add(status.AccountId);
            }
        }

        foreach (var manual in board.Overrides())
        {
            ids.Add(manual.AccountId);
        }

        foreach (var standing in board.Standings())
        {
            ids.Add(standing.AccountId);
        }

        foreach (var finding in findings.Accounts)
        {
            ids.Add(finding.AccountId);
        }

        string? CampaignOf(string id) => service.CampaignOf(id, reasons);
        var matching = ids
            .Where(id => verdict is null || board.Effective(id) == wanted)
            .Where(id => campaign_id is null || string.Equals(CampaignOf(id), campaign_id, StringComparison.Ordinal))
            .ToList();
        var page = matching.Where(id => after is null || string.CompareOrdinal(id, after) > 0).Take(limit ?? int.MaxValue).ToList();
        context.Response.Headers["X-Total-Count"] = matching.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (limit is { } size && page.Count == size && string.CompareOrdinal(page[^1], matching[^1]) < 0)
        {
            var next = QueryString.Create([
                new("after", page[^1]),
                new("limit", size.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                .. verdict is null ? [] : new KeyValuePair<string, string?>[] { new("verdict", verdict) },
                .. campaign_id is null ? [] : new KeyValuePair<string, string?>[] { new("campaign_id", campaign_id) },
            ]);
            context.Response.Headers.Link = $"<{context.Request.PathBase}{context.Request.Path}{next}>; rel=\"next\"";
        }

        return Json(w =>
        {
            w.WriteStartArray();
            foreach (var id in page)
            {
                w.WriteStartObject();
                WriteAccountFields(w, id, board, reasons.GetValueOrDefault(id), CampaignOf(id));
                w.WriteEndObject();
            }

            w.WriteEndArray();
        });
    }

    /// <summary>
    /// One account, flagged or not: the verdict enforced now and why (engine verdict, risk, campaign, reasons,
    /// override), its stored record and its keys (ids only). What support looks up when a customer reports a 403.
    /// 404 when neither the store, the engine nor an override knows it.
    /// </summary>
    private static async Task<IResult> AccountAsync(string accountId, AdminService service, VerdictBoard board, CancellationToken ct)
    {
        if (await service.LookUpAsync(accountId, ct).ConfigureAwait(false) is not { } account)
        {
            return Results.NotFound(new Dictionary<string, string> { ["error"] = $"account {accountId} is not known to this gateway" });
        }

        return Json(w =>
        {
            w.WriteStartObject();
            WriteAccountFields(w, accountId, board, account.Finding, account.CampaignId);
            if (account.Finding is not null)
            {
                w.WriteNumber("exchanges"u8, account.Finding.Exchanges);
            }

            if (account.Record is not null)
            {
                // Exactly as the accounts file holds it.
                w.WritePropertyName("record"u8);
                ExchangeLogWriter.WriteAccount(w, account.Record);
            }

            w.WriteStartArray("keys"u8);
            foreach (var key in account.Keys)
            {
                WriteKey(w, key);
            }

            w.WriteEndArray();
            w.WriteEndObject();
        });
    }

    /// <summary>What the flagged list and the account lookup say of an account's verdict, without the enclosing object.</summary>
    private static void WriteAccountFields(Utf8JsonWriter w, string id, VerdictBoard board, AccountFinding? finding, string? campaign)
    {
        var status = board.EngineStatus(id);
        var manual = board.Override(id);
        w.WriteString("account_id"u8, id);
        w.WriteString("verdict"u8, VerdictNames.ToWire(board.Effective(id)));
        w.WriteString("engine_verdict"u8, VerdictNames.ToWire(status?.Verdict ?? Verdict.Allow));
        w.WriteNumber("risk"u8, Math.Round(status?.Risk ?? finding?.Risk ?? 0, 4));
        if (campaign is not null)
        {
            w.WriteString("campaign_id"u8, campaign);
        }

        if (status?.FirstFlaggedAt is { } flagged)
        {
            w.WriteString("first_flagged_at"u8, LogNames.FormatTime(flagged));
        }

        if (finding?.FirstEnforcedAt is { } enforced)
        {
            w.WriteString("first_enforced_at"u8, LogNames.FormatTime(enforced));
        }

        if (finding?.Lapses is { Count: > 0 } lapses)
        {
            // When the engine stopped enforcing it for a while: support's answer to "it was blocked, why was it served?"
            w.WriteStartArray("lapses"u8);
            foreach (var lapse in lapses)
            {
                w.WriteStartObject();
                w.WriteString("from"u8, LogNames.FormatTime(lapse.From));
                if (lapse.To is { } to)
                {
                    w.WriteString("to"u8, LogNames.FormatTime(to));
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (manual is not null)
        {
            w.WriteStartObject("override"u8);
            w.WriteString("verdict"u8, VerdictNames.ToWire(manual.Verdict));
            w.WriteString("reason"u8, manual.Reason);
            w.WriteString("at"u8, LogNames.FormatTime(manual.CreatedAt));
            w.WriteEndObject();
        }

        if (board.Standing(id) is { } standing)
        {
            w.WriteStartObject("standing"u8);
            w.WriteString("verdict"u8, VerdictNames.ToWire(standing.Verdict));
            if (standing.Until is { } until)
            {
                w.WriteString("until"u8, LogNames.FormatTime(until));
            }

            w.WriteString("detail"u8, StandingDetail(standing));
            w.WriteEndObject();
        }

        w.WriteStartArray("reasons"u8);
        foreach (var reason in finding?.Reasons ?? [])
        {
            w.WriteStartObject();
            w.WriteString("signal"u8, reason.Signal);
            w.WriteNumber("weight"u8, reason.Weight);
            w.WriteString("detail"u8, reason.Detail);
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    /// <summary>Why an account the engine has no verdict for yet is refused: what support reads on a 403 from its first request.</summary>
    internal static string StandingDetail(AccountStanding standing)
    {
        var level = standing.Verdict == Verdict.Block ? "blocked" : "throttled";
        return $"{level} before its own traffic is judged: a young account on a payment instrument whose other holder is {level}, a likely replacement for a banned account";
    }
}
