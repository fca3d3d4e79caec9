using DistillGuard.Gateway.Features.Countermeasures;

namespace DistillGuard.Gateway.Features.Reload;

internal static class ReloadExtensions
{
    public static IServiceCollection AddGatewayReload(this IServiceCollection services) => services
        .AddSingleton<CountermeasureSettings>()
        .AddSingleton<ConfigReloader>()
        .AddHostedService<ReloadOnHangup>();
}
