
namespace DistillGuard.Gateway.Features.Operations;

internal static class OperationsExtensions
{
    public static IServiceCollection AddGatewayOperations(this IServiceCollection services) => services.AddSingleton<GatewayMetrics>();
}
