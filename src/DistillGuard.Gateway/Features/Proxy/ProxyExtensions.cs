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

    /// <summary>
    /// The two model API routes; the client's shape is the route's. Plain request delegates over the one handler:
    /// a handler taken as a parameter made the generated endpoint open a service scope and an async frame of its own
    /// for every request.
    /// </summary>
    public static void MapModelApis(this IEndpointRouteBuilder app)
    {
        // Resolved on the first request, not here: building the handler builds the router, which reads the options,
        // and a bad configuration must fail the host's start naming the setting (ValidateOnStart), not this call.
        var services = app.ServiceProvider;
        GatewayProxyHandler? handler = null;
        GatewayProxyHandler Handler() => handler ??= services.GetRequiredService<GatewayProxyHandler>();
        app.MapPost("/v1/messages", context => Handler().HandleAsync(context, ApiShape.AnthropicMessages));
        app.MapPost("/v1/chat/completions", context => Handler().HandleAsync(context, ApiShape.OpenAIChat));
    }
}
