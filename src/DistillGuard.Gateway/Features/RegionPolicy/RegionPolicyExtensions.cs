
namespace DistillGuard.Gateway.Features.RegionPolicy;

internal static class RegionPolicyExtensions
{
    public static IServiceCollection AddGatewayRegionPolicy(this IServiceCollection services) => services
        .AddSingleton<ClientNetworkResolver>()
        .AddSingleton<NetworkPolicy>();
}
