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
            var anyHealthy = router.Upstreams.Any(static u => u.Healthy);
            var result = AdminEndpoints.Json(w =>
            {
                w.WriteStartObject();
                w.WriteString("status"u8, anyHealthy ? "ok" : "degraded");
                w.WritePropertyName("upstreams"u8);
                AdminEndpoints.WriteUpstreams(w, router);
                w.WriteEndObject();
            });
            return anyHealthy ? result : Results.Json(new Dictionary<string, string> { ["status"] = "degraded" }, GatewayJsonContext.Default.DictionaryStringString, statusCode: 503);
        });
        app.MapGet("/metrics", (GatewayMetrics metrics) => Results.Text(PrometheusTextWriter.Render(metrics), "text/plain; version=0.0.4; charset=utf-8"));
    }
}
