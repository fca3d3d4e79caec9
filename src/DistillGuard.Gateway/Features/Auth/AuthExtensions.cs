using DistillGuard.Gateway.Features.Store;

namespace DistillGuard.Gateway.Features.Auth;

internal static class AuthExtensions
{
    public static IServiceCollection AddGatewayAuth(this IServiceCollection services) => services
        .AddSingleton<GatewayStore>()
        .AddSingleton<ApiKeyHasher>()
        .AddSingleton<ApiKeyIndex>()
        .AddSingleton<ConnectionKeyCache>();
}
