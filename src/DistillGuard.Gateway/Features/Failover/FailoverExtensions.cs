
namespace DistillGuard.Gateway.Features.Failover;

internal static class FailoverExtensions
{
    public static IServiceCollection AddGatewayFailover(this IServiceCollection services)
    {
        services.AddSingleton<UpstreamClient>();
        services.AddSingleton<UpstreamRouter>();
        services.AddSingleton<UpstreamHealthProbe>();
        services.AddHostedService(static sp => sp.GetRequiredService<UpstreamHealthProbe>());
        return services;
    }
}
