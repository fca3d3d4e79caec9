
namespace DistillGuard.Gateway.Features.Enforcement;

internal static class EnforcementExtensions
{
    public static IServiceCollection AddGatewayEnforcement(this IServiceCollection services) => services.AddSingleton<ThrottleBuckets>();
}
