using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Countermeasures;

/// <summary>The countermeasures per verdict now in force; replaced whole when the configuration is reloaded.</summary>
internal sealed class CountermeasureSettings(IOptions<GatewayOptions> options)
{
    private volatile CountermeasureOptions _current = options.Value.Countermeasures;

    public CountermeasureOptions Current => _current;

    /// <summary>Takes the countermeasures of a reloaded (already validated) configuration, from the next request on.</summary>
    public void Apply(CountermeasureOptions next) => _current = next;
}
