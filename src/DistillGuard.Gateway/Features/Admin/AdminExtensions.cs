
namespace DistillGuard.Gateway.Features.Admin;

internal static class AdminExtensions
{
    public static IServiceCollection AddGatewayAdmin(this IServiceCollection services) => services
        .AddSingleton<AdminTokenFilter>()
        .AddSingleton<AdminService>();
}
