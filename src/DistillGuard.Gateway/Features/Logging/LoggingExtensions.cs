
namespace DistillGuard.Gateway.Features.Logging;

internal static class LoggingExtensions
{
    public static IServiceCollection AddGatewayExchangeLog(this IServiceCollection services)
    {
        services.AddSingleton<ExchangeLogPipeline>();
        services.AddSingleton<ExchangeLogFile>();
        services.AddSingleton<RotatedLogCompressor>();
        services.AddHostedService(static sp => sp.GetRequiredService<RotatedLogCompressor>());
        services.AddSingleton<AccountsLogFile>();
        services.AddSingleton<OverridesLogFile>();
        services.AddSingleton<ExchangeLogProcessor>();
        services.AddHostedService(static sp => sp.GetRequiredService<ExchangeLogProcessor>());
        return services;
    }
}
