using System.Globalization;
using System.Text.Json;
using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Admin;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>
/// The override buttons: one account, or every account of a campaign at once, through the admin API's own
/// <see cref="AdminService"/> calls, so they persist and win the same way.
/// </summary>
internal static partial class DashboardEndpoints
{
    private const string OverrideBodyExpected = "body must be {\"verdict\": \"allow|review|throttle|block|clear\"}";

    private static async Task<IResult> OverrideAsync(
        string accountId, HttpContext context, DashboardSession session, AdminService admin, VerdictHistory history, DashboardFindingsCache findings)
    {
        if (!IsScriptCall(context, session))
        {
            return Results.Unauthorized();
        }

        var wire = await ReadVerdictAsync(context).ConfigureAwait(false);
        if (wire == "clear")
        {
            await admin.RemoveOverrideAsync(accountId, context.RequestAborted).ConfigureAwait(false);
        }
        else if (VerdictNames.TryParse(wire, out var verdict))
        {
            await admin.SetOverrideAsync(accountId, verdict, "set from the dashboard", context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            return Results.BadRequest(new Dictionary<string, string> { ["error"] = OverrideBodyExpected });
        }

        return Changed(findings, history, new() { ["account_id"] = accountId, ["override"] = wire! });
    }

    private static async Task<IResult> CampaignOverrideAsync(
        string campaignId, HttpContext context, DashboardSession session, AdminService admin, VerdictHistory history, DashboardFindingsCache findings)
    {
        if (!IsScriptCall(context, session))
        {
            return Results.Unauthorized();
        }

        var wire = await ReadVerdictAsync(context).ConfigureAwait(false);
        IReadOnlyList<string> accounts;
        if (wire == "clear")
        {
            accounts = await admin.ClearCampaignOverridesAsync(campaignId, context.RequestAborted).ConfigureAwait(false);
        }
        else if (VerdictNames.TryParse(wire, out var verdict))
        {
            accounts = await admin.SetCampaignOverrideAsync(campaignId, verdict, "set on the campaign from the dashboard", context.RequestAborted).ConfigureAwait(false);
        }
        else
        {
            return Results.BadRequest(new Dictionary<string, string> { ["error"] = OverrideBodyExpected });
        }

        if (accounts.Count == 0)
        {
            return Results.NotFound(new Dictionary<string, string>
            {
                ["error"] = wire == "clear" ? $"no account of campaign {campaignId} has an override" : $"campaign {campaignId} has no accounts now",
            });
        }

        return Changed(findings, history, new()
        {
            ["campaign_id"] = campaignId,
            ["override"] = wire!,
            ["accounts"] = accounts.Count.ToString(CultureInfo.InvariantCulture),
        });
    }

    /// <summary>Signed in, and sent by the page's script: a cross-site form can carry the cookie but not the header.</summary>
    private static bool IsScriptCall(HttpContext context, DashboardSession session) =>
        session.IsSignedIn(context.Request) && context.Request.Headers[ScriptHeader] == "1";

    /// <summary>The body's <c>verdict</c> string; null when the body is not such an object.</summary>
    private static async Task<string?> ReadVerdictAsync(HttpContext context)
    {
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            return body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Samples now and drops the cached view, so the verdict chart and every open dashboard see the change at once.</summary>
    private static IResult Changed(DashboardFindingsCache findings, VerdictHistory history, Dictionary<string, string> answer)
    {
        findings.Invalidate();
        answer["version"] = history.Sample().Version.ToString(CultureInfo.InvariantCulture);
        return Results.Json(answer, GatewayJsonContext.Default.DictionaryStringString);
    }
}
