using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Admin;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>The live parts: the verdict event stream and the override action.</summary>
internal static partial class DashboardEndpoints
{
    private static async Task EventsAsync(HttpContext context, DashboardSession session, VerdictHistory history, IHostApplicationLifetime lifetime)
    {
        if (!session.IsSignedIn(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        // Newest samples only: a slow browser skips samples rather than holding memory.
        var samples = Channel.CreateBounded<VerdictSample>(new BoundedChannelOptions(64) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        void OnSampled(VerdictSample sample) => samples.Writer.TryWrite(sample);
        history.Sampled += OnSampled;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        try
        {
            context.Response.ContentType = "text/event-stream";
            context.Response.Headers["X-Accel-Buffering"] = "no";
            var snapshot = history.Snapshot();
            if (snapshot.Length == 0)
            {
                snapshot = [history.Sample()];
            }

            await WriteEventAsync(context.Response, "history", SamplesJson(snapshot), stop.Token).ConfigureAwait(false);
            await foreach (var sample in samples.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                await WriteEventAsync(context.Response, "sample", SamplesJson([sample], single: true), stop.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The browser went away or the gateway is stopping: end the stream so shutdown is not held up.
        }
        finally
        {
            history.Sampled -= OnSampled;
        }
    }

    private static async Task<IResult> OverrideAsync(
        string accountId, HttpContext context, DashboardSession session, AdminService admin, VerdictHistory history, DashboardFindingsCache findings)
    {
        if (!session.IsSignedIn(context.Request) || context.Request.Headers[ScriptHeader] != "1")
        {
            return Results.Unauthorized();
        }

        string? wire;
        try
        {
            using var body = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted).ConfigureAwait(false);
            wire = body.RootElement.ValueKind == JsonValueKind.Object && body.RootElement.TryGetProperty("verdict", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
        }
        catch (JsonException)
        {
            wire = null;
        }

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
            return Results.BadRequest(new Dictionary<string, string> { ["error"] = "body must be {\"verdict\": \"allow|review|throttle|block|clear\"}" });
        }

        // Sample now and drop the cached view, so the verdict chart and every open dashboard see the change at once.
        findings.Invalidate();
        var sample = history.Sample();
        return Results.Json(new Dictionary<string, string>
        {
            ["account_id"] = accountId,
            ["override"] = wire!,
            ["version"] = sample.Version.ToString(CultureInfo.InvariantCulture),
        }, GatewayJsonContext.Default.DictionaryStringString);
    }

    private static async Task WriteEventAsync(HttpResponse response, string name, string data, CancellationToken cancellationToken)
    {
        await response.WriteAsync("event: " + name + "\ndata: " + data + "\n\n", cancellationToken).ConfigureAwait(false);
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    private static string SamplesJson(VerdictSample[] samples, bool single = false)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            if (!single)
            {
                json.WriteStartArray();
            }

            foreach (var sample in samples)
            {
                json.WriteStartObject();
                json.WriteString("at", sample.At.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                json.WriteNumber("review", sample.Review);
                json.WriteNumber("throttle", sample.Throttle);
                json.WriteNumber("block", sample.Block);
                json.WriteNumber("overridden", sample.Overridden);
                json.WriteString("version", sample.Version.ToString(CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            if (!single)
            {
                json.WriteEndArray();
            }
        }

        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
