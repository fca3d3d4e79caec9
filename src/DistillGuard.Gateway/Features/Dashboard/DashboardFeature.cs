using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>Composes the live dashboard into the gateway (one line in each half of the gateway's composition).</summary>
internal static class DashboardFeature
{
    /// <summary>Registers the dashboard's services: options under <c>Gateway:Dashboard</c>, sign-in, verdict sampler.</summary>
    public static IServiceCollection AddGatewayDashboard(this IServiceCollection services)
    {
        services.AddOptions<DashboardOptions>()
            .BindConfiguration(DashboardOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<DashboardOptions>, DashboardOptionsAnnotations>();
        services.AddSingleton<DashboardSession>();
        services.AddSingleton<VerdictHistory>();
        services.AddSingleton<DashboardFindingsCache>();
        services.AddHostedService<VerdictSampler>();
        return services;
    }

    /// <summary>Maps <c>/dashboard</c> unless <see cref="DashboardOptions.Enabled"/> is false.</summary>
    public static WebApplication MapDashboard(this WebApplication app)
    {
        if (app.Services.GetRequiredService<IOptions<DashboardOptions>>().Value.Enabled)
        {
            app.MapDashboardEndpoints();
        }

        return app;
    }
}
