using DistillGuard.Gateway.Features.Admin;
using DistillGuard.Gateway.Features.Failover;

namespace DistillGuard.Gateway.Features.Operations;

/// <summary><c>/healthz</c> and <c>/metrics</c>.</summary>
internal static class OperationsEndpoints
{
    public static void MapOperations(this IEndpointRouteBuilder app)
    {
        app.MapGet("/healthz", (UpstreamRouter router) =>
        {
            // 503 with the same body when no upstream is healthy, so a probe and a person see which failed and why.
            var anyHealthy = router.Upstreams.Any(static u => u.Healthy);
            return AdminEndpoints.Json(
                w =>
                {
                    w.WriteStartObject();
                    w.WriteString("status"u8, anyHealthy ? "ok" : "degraded");
                    w.WritePropertyName("upstreams"u8);
                    AdminEndpoints.WriteUpstreams(w, router);
                    w.WriteEndObject();
                },
                anyHealthy ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable);
        });
        app.MapGet("/metrics", (GatewayMetrics metrics, UpstreamRouter router) => Results.Text(PrometheusTextWriter.Render(metrics, router.Upstreams), "text/plain; version=0.0.4; charset=utf-8"));
    }
}
