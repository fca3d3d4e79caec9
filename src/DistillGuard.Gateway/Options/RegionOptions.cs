using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Options;

/// <summary>Country and network policy.</summary>
public sealed class RegionOptions
{
    /// <summary>ISO 3166-1 alpha-2 countries whose clients get 403.</summary>
    public List<string> DenyCountries { get; set; } = [];

    /// <summary>Network types (<c>hosting</c>, <c>proxy</c>, <c>vpn</c>...) whose clients get 403. Default none.</summary>
    public List<string> DenyAsnTypes { get; set; } = [];

    /// <summary>Network types counted as flagged (their asn_type also feeds the engine). Empty means the default: hosting, proxy, vpn.</summary>
    public List<string> FlagAsnTypes { get; set; } = [];

    /// <summary>IP → country/network table (longest prefix wins).</summary>
    public List<IpRangeOptions> IpTable { get; set; } = [];

    /// <summary>The network types a rule or table row may name, as the exchange log spells them.</summary>
    internal const string NetworkTypes = "isp, hosting, business, education, proxy, vpn";

    /// <summary>
    /// A network type as configured or stated by a trusted proxy, in any case (countries are read in any case too);
    /// unknown names read as <see cref="AsnType.Unknown"/>. Allocates nothing: proxies state it on every request.
    /// </summary>
    internal static AsnType ParseNetworkType(ReadOnlySpan<char> value)
    {
        // "education" is the longest type; a longer value is none of them.
        Span<char> lower = stackalloc char[9];
        return value.ToLowerInvariant(lower) is var length and >= 0 ? LogNames.ParseAsnType(lower[..length]) : AsnType.Unknown;
    }
}
