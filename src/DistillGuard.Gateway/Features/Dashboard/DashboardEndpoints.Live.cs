using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>The live part: the verdict event stream.</summary>
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
