using DistillGuard.Core.Log;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.RegionPolicy;

/// <summary>The country deny-list and network-type rules; replaced whole when the configuration is reloaded.</summary>
internal sealed class NetworkPolicy(IOptions<GatewayOptions> options)
{
    private volatile Rules _rules = new(options.Value.Region);

    public bool IsCountryDenied(in ClientNetwork network) => network.Country is { } country && _rules.DeniedCountries.Contains(country);

    public bool IsNetworkDenied(in ClientNetwork network) => network.AsnType != AsnType.Unknown && _rules.DeniedTypes.Contains(network.AsnType);

    public bool IsFlagged(in ClientNetwork network) => network.AsnType != AsnType.Unknown && _rules.FlaggedTypes.Contains(network.AsnType);

    /// <summary>Takes the rules of a reloaded (already validated) configuration.</summary>
    public void Apply(RegionOptions region) => _rules = new Rules(region);

    private sealed class Rules(RegionOptions region)
    {
        public HashSet<string> DeniedCountries { get; } = new(region.DenyCountries.Select(static c => c.ToUpperInvariant()), StringComparer.Ordinal);

        public HashSet<AsnType> DeniedTypes { get; } = [.. region.DenyAsnTypes.Select(static t => RegionOptions.ParseNetworkType(t))];

        public HashSet<AsnType> FlaggedTypes { get; } = [.. (region.FlagAsnTypes.Count > 0 ? region.FlagAsnTypes : ["hosting", "proxy", "vpn"]).Select(static t => RegionOptions.ParseNetworkType(t))];
    }
}
