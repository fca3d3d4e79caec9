
namespace DistillGuard.Gateway;

/// <summary>How to build a gateway host: a config file, extra settings, and service overrides (tests, the CLI).</summary>
public sealed class GatewayHostSettings
{
    /// <summary>JSON config file with a <c>Gateway</c> section; optional.</summary>
    public string? ConfigPath { get; set; }

    /// <summary>Settings applied after the file and environment (keys like <c>Gateway:AdminToken</c>).</summary>
    public IDictionary<string, string?> Overrides { get; } = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Listen URLs that win over configuration (e.g. <c>http://127.0.0.1:0</c> for a free port).</summary>
    public IList<string> Urls { get; } = [];

    /// <summary>Extra service registrations applied last (e.g. a fake <see cref="TimeProvider"/>).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; set; }

    /// <summary>Minimum level of the gateway's own console logs. Default Information.</summary>
    public Microsoft.Extensions.Logging.LogLevel LogLevel { get; set; } = Microsoft.Extensions.Logging.LogLevel.Information;
}
