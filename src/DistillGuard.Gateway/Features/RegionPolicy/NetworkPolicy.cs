using DistillGuard.Core.Log;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.RegionPolicy;

/// <summary>The country deny-list and network-type rules.</summary>
internal sealed class NetworkPolicy(IOptions<GatewayOptions> options)
{
    private readonly HashSet<string> _deniedCountries = new(options.Value.Region.DenyCountries.Select(static c => c.ToUpperInvariant()), StringComparer.Ordinal);
    private readonly HashSet<AsnType> _deniedTypes = [.. options.Value.Region.DenyAsnTypes.Select(static t => LogNames.ParseAsnType(t))];
    private readonly HashSet<AsnType> _flaggedTypes = [.. (options.Value.Region.FlagAsnTypes.Count > 0 ? options.Value.Region.FlagAsnTypes : ["hosting", "proxy", "vpn"]).Select(static t => LogNames.ParseAsnType(t))];

    public bool IsCountryDenied(in ClientNetwork network) => network.Country is { } country && _deniedCountries.Contains(country);

    public bool IsNetworkDenied(in ClientNetwork network) => network.AsnType != AsnType.Unknown && _deniedTypes.Contains(network.AsnType);

    public bool IsFlagged(in ClientNetwork network) => network.AsnType != AsnType.Unknown && _flaggedTypes.Contains(network.AsnType);
}
