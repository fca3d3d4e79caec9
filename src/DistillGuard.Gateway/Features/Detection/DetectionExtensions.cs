using DistillGuard.Core.Analysis;
using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Detection;

internal static class DetectionExtensions
{
    /// <summary>The same <see cref="DetectionEngine"/> as <c>scan</c>, with the gateway's policy thresholds.</summary>
    public static IServiceCollection AddGatewayDetection(this IServiceCollection services)
    {
        services.TryAddSingleton<IExchangeAnalyzer>(static _ => new ExchangeAnalyzer());
        services.AddSingleton(static sp =>
        {
            var options = sp.GetRequiredService<IOptions<GatewayOptions>>().Value.Policy.ToDetectionOptions();
            var engine = new DetectionEngine(options, sp.GetRequiredService<IExchangeAnalyzer>()) { Clock = sp.GetRequiredService<TimeProvider>() };
            var metrics = sp.GetRequiredService<GatewayMetrics>();
            metrics.EngineBufferedExchanges = () => engine.BufferedExchanges;
            metrics.EngineTrackedAccounts = () => engine.TrackedAccounts;
            metrics.EngineOptions = engine.Options;
            return engine;
        });
        services.AddSingleton(static sp =>
        {
            var board = new VerdictBoard(sp.GetRequiredService<TimeProvider>());
            sp.GetRequiredService<GatewayMetrics>().StandingAccounts = () => board.Standings().Count();
            return board;
        });
        services.AddSingleton<ExchangeLogReplay>();
        services.AddHostedService<GatewayStateLoader>();
        services.AddSingleton<EngineClock>();
        services.AddHostedService(static sp => sp.GetRequiredService<EngineClock>());
        return services;
    }
}
