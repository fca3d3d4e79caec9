using DistillGuard.Gateway.Features.Admin;
using DistillGuard.Gateway.Features.Detection;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>
/// <c>/dashboard</c>: sign-in with the admin token, the live page, its findings fragment, a verdict event stream,
/// and override actions (the admin API's own <see cref="AdminService"/>, so overrides persist and win the same way).
/// </summary>
internal static partial class DashboardEndpoints
{
    /// <summary>Every dashboard call from script carries this header; a cross-site form cannot add it.</summary>
    public const string ScriptHeader = "X-DistillGuard-Dashboard";

    public static void MapDashboardEndpoints(this IEndpointRouteBuilder app)
    {
        var dashboard = app.MapGroup("/dashboard").AddEndpointFilter(static (context, next) =>
        {
            var headers = context.HttpContext.Response.Headers;
            headers.CacheControl = "no-store";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
            return next(context);
        });

        dashboard.MapGet("/login", static () => Html(DashboardPages.Login(null)));
        dashboard.MapPost("/login", SignInAsync).DisableAntiforgery();
        dashboard.MapPost("/logout", static (HttpContext context) =>
        {
            DashboardSession.SignOut(context);
            return Results.Redirect("/dashboard/login", permanent: false, preserveMethod: false);
        }).DisableAntiforgery();
        dashboard.MapGet("/assets/{name}", static (string name, HttpContext context) => DashboardAssets.Serve(name, context));

        dashboard.MapGet("", PageAsync);
        dashboard.MapGet("/findings", FindingsAsync);
        dashboard.MapGet("/events", EventsAsync);
        dashboard.MapGet("/accounts/{accountId}", AccountAsync);
        dashboard.MapPost("/accounts/{accountId}/override", OverrideAsync).DisableAntiforgery();
        dashboard.MapPost("/campaigns/{campaignId}/override", CampaignOverrideAsync).DisableAntiforgery();
    }

    private static async Task<IResult> SignInAsync(HttpContext context, DashboardSession session)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync(context.RequestAborted).ConfigureAwait(false) : null;
        if (!session.IsAdminToken(form?["token"].ToString()))
        {
            return Html(DashboardPages.Login("That is not the admin token."), StatusCodes.Status401Unauthorized);
        }

        session.SignIn(context);
        return Results.Redirect("/dashboard", permanent: false, preserveMethod: false);
    }

    private static async Task<IResult> PageAsync(
        HttpContext context, DashboardSession session, DashboardFindingsCache findings, VerdictHistory history,
        IOptions<DashboardOptions> options, TimeProvider time)
    {
        if (!session.IsSignedIn(context.Request))
        {
            return Results.Redirect("/dashboard/login");
        }

        var (fragment, etag) = await findings.GetAsync(context.RequestAborted).ConfigureAwait(false);
        var samples = history.Snapshot();
        VerdictSample? latest = samples.Length > 0 ? samples[^1] : null;
        return Html(DashboardPages.Dashboard(fragment, etag, latest, options.Value, time.GetUtcNow().UtcDateTime));
    }

    private static async Task<IResult> FindingsAsync(HttpContext context, DashboardSession session, DashboardFindingsCache findings)
    {
        if (!session.IsSignedIn(context.Request))
        {
            return Results.Unauthorized();
        }

        var (fragment, etag) = await findings.GetAsync(context.RequestAborted).ConfigureAwait(false);
        context.Response.Headers.ETag = etag;
        return context.Request.Headers.IfNoneMatch.ToString() == etag
            ? Results.StatusCode(StatusCodes.Status304NotModified)
            : Html(fragment);
    }

    /// <summary>
    /// The lookup panel's content: one account whatever its verdict, or why there is none (also a 200: the panel shows
    /// it, and a browser reports every 404 it fetches as a console error).
    /// </summary>
    private static async Task<IResult> AccountAsync(string accountId, HttpContext context, DashboardSession session, AdminService admin, VerdictBoard board)
    {
        if (!session.IsSignedIn(context.Request))
        {
            return Results.Unauthorized();
        }

        return await admin.LookUpAsync(accountId, context.RequestAborted).ConfigureAwait(false) is { } account
            ? Html(DashboardAccountView.Render(account, board))
            : Html(DashboardAccountView.Missing(accountId));
    }

    private static IResult Html(string body, int status = StatusCodes.Status200OK) =>
        Results.Content(body, "text/html; charset=utf-8", System.Text.Encoding.UTF8, status);
}
