using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Features.Proxy;

internal static class ProxyExtensions
{
    public static IServiceCollection AddGatewayProxy(this IServiceCollection services)
    {
        services.AddHttpForwarder();
        services.AddSingleton<GatewayProxyHandler>();
        return services;
    }

    /// <summary>The two model API routes; the client's shape is the route's.</summary>
    public static void MapModelApis(this IEndpointRouteBuilder app)
    {
        app.MapPost("/v1/messages", static (HttpContext context, GatewayProxyHandler handler) => handler.HandleAsync(context, ApiShape.AnthropicMessages));
        app.MapPost("/v1/chat/completions", static (HttpContext context, GatewayProxyHandler handler) => handler.HandleAsync(context, ApiShape.OpenAIChat));
    }
}
