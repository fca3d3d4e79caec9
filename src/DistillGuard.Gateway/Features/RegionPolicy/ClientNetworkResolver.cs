using System.Net;
using DistillGuard.Core.Log;
using DistillGuard.Core.Net;
using DistillGuard.Gateway.Features.TlsFingerprint;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.RegionPolicy;

/// <summary>
/// Finds the client's IP (believing <c>X-Forwarded-For</c> only when the peer is a configured trusted proxy,
/// walking the header right to left past trusted hops) and looks it up in the IP → country/network table; and the
/// client's TLS fingerprint, from the gateway's own handshake or, from a trusted proxy, <c>X-Client-Tls-Fingerprint</c>.
/// </summary>
internal sealed class ClientNetworkResolver
{
    /// <summary>A JA4 is 36 characters; JA3 hashes and raw forms are longer. Anything longer is not a fingerprint.</summary>
    private const int MaxFingerprintLength = 512;

    // Trusted proxies and the IP table, swapped whole when the configuration is reloaded; a request reads it once.
    private volatile Networks _networks;

    public ClientNetworkResolver(IOptions<GatewayOptions> options) => _networks = Build(options.Value);

    /// <summary>Takes the trusted proxies and IP table of a reloaded (already validated) configuration.</summary>
    public void Apply(GatewayOptions options) => _networks = Build(options);

    public ClientNetwork Resolve(HttpContext context)
    {
        var address = context.Connection.RemoteIpAddress;
        if (address is not null && address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        var networks = _networks;
        var trusted = address is not null && networks.IsTrusted(address);
        var network = ResolveAddress(context, networks, address, trusted);
        var fingerprint = context.TlsFingerprint();
        if (fingerprint is null && trusted && context.Request.Headers["X-Client-Tls-Fingerprint"] is [{ Length: > 0 and <= MaxFingerprintLength } stated])
        {
            fingerprint = stated;
        }

        return fingerprint is null ? network : network with { TlsFingerprint = fingerprint };
    }

    private static ClientNetwork ResolveAddress(HttpContext context, Networks networks, IPAddress? address, bool trusted)
    {
        if (trusted)
        {
            address = FromForwardedFor(context.Request.Headers["X-Forwarded-For"], networks, address!);
        }

        if (address is null)
        {
            return default;
        }

        if (trusted && FromProxyHeaders(context.Request.Headers, address) is { } stated)
        {
            return stated;
        }

        foreach (var range in networks.Table)
        {
            if (range.Network.Contains(address))
            {
                return new ClientNetwork(address.ToString(), range.Country, range.Asn, range.AsnOrg, range.AsnType);
            }
        }

        return new ClientNetwork(address.ToString(), null, null, null, AsnType.Unknown);
    }

    /// <summary>
    /// Network facts a trusted edge proxy or CDN states about the client (<c>X-Client-Country</c>,
    /// <c>X-Client-Asn</c>, <c>X-Client-Asn-Org</c>, <c>X-Client-Asn-Type</c>); null when it states none.
    /// </summary>
    private static ClientNetwork? FromProxyHeaders(IHeaderDictionary headers, IPAddress address)
    {
        var country = headers["X-Client-Country"].ToString();
        var asnText = headers["X-Client-Asn"].ToString();
        if (country.Length == 0 && asnText.Length == 0)
        {
            return null;
        }

        int? asn = int.TryParse(asnText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
        var org = headers["X-Client-Asn-Org"].ToString();
        var type = headers["X-Client-Asn-Type"].ToString();
        return new ClientNetwork(address.ToString(), country.Length == 2 ? country.ToUpperInvariant() : null, asn, org.Length > 0 ? org : null, RegionOptions.ParseNetworkType(type));
    }

    private static IPAddress FromForwardedFor(Microsoft.Extensions.Primitives.StringValues header, Networks networks, IPAddress peer)
    {
        var client = peer;
        for (var i = header.Count - 1; i >= 0; i--)
        {
            var hops = header[i]!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var j = hops.Length - 1; j >= 0; j--)
            {
                if (!IPAddress.TryParse(hops[j], out var hop))
                {
                    return client;
                }

                client = hop.IsIPv4MappedToIPv6 ? hop.MapToIPv4() : hop;
                if (!networks.IsTrusted(client))
                {
                    return client;
                }
            }
        }

        return client;
    }

    private static Networks Build(GatewayOptions o) => new(
        [.. o.TrustedProxies.Select(IpNetworkText.Parse)],
        [.. o.Region.IpTable
            .Select(static row => new IpRange(IpNetworkText.Parse(row.Cidr), row.Country?.ToUpperInvariant(), row.Asn, row.AsnOrg, row.AsnType is null ? AsnType.Unknown : RegionOptions.ParseNetworkType(row.AsnType)))
            .OrderByDescending(static r => r.Network.PrefixLength)]);

    /// <param name="Trusted">Proxies whose forwarding headers are believed.</param>
    /// <param name="Table">IP → country/network rows, longest prefix first.</param>
    private sealed record Networks(IPNetwork[] Trusted, IpRange[] Table)
    {
        public bool IsTrusted(IPAddress address)
        {
            foreach (var network in Trusted)
            {
                if (network.Contains(address))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
