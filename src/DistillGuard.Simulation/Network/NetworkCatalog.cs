using DistillGuard.Core.Log;

namespace DistillGuard.Simulation.Network;

/// <summary>
/// Real-world autonomous systems by kind and country (numbers and names as registered), so logs look like what a
/// provider's gateway would enrich with a GeoIP/ASN database.
/// </summary>
internal static class NetworkCatalog
{
    public static readonly AsnInfo[] Isps =
    [
        new(7922, "Comcast Cable Communications", AsnType.Isp, "US"), new(7018, "AT&T Services", AsnType.Isp, "US"),
        new(701, "Verizon Business", AsnType.Isp, "US"), new(20115, "Charter Communications", AsnType.Isp, "US"),
        new(21928, "T-Mobile USA", AsnType.Isp, "US"), new(55836, "Reliance Jio Infocomm", AsnType.Isp, "IN"),
        new(9498, "Bharti Airtel", AsnType.Isp, "IN"), new(2856, "British Telecommunications", AsnType.Isp, "GB"),
        new(5089, "Virgin Media", AsnType.Isp, "GB"), new(3320, "Deutsche Telekom", AsnType.Isp, "DE"),
        new(3209, "Vodafone GmbH", AsnType.Isp, "DE"), new(28573, "Claro S.A.", AsnType.Isp, "BR"),
        new(26599, "Telefonica Brasil", AsnType.Isp, "BR"), new(3215, "Orange S.A.", AsnType.Isp, "FR"),
        new(12322, "Free SAS", AsnType.Isp, "FR"), new(812, "Rogers Communications", AsnType.Isp, "CA"),
        new(577, "Bell Canada", AsnType.Isp, "CA"), new(4713, "NTT Communications", AsnType.Isp, "JP"),
        new(2516, "KDDI Corporation", AsnType.Isp, "JP"), new(4766, "Korea Telecom", AsnType.Isp, "KR"),
        new(9318, "SK Broadband", AsnType.Isp, "KR"), new(1221, "Telstra", AsnType.Isp, "AU"),
        new(4804, "Optus", AsnType.Isp, "AU"), new(1136, "KPN B.V.", AsnType.Isp, "NL"),
        new(33915, "Vodafone Libertel (Ziggo)", AsnType.Isp, "NL"), new(7473, "Singapore Telecommunications", AsnType.Isp, "SG"),
        new(4657, "StarHub", AsnType.Isp, "SG"), new(7713, "Telekomunikasi Indonesia", AsnType.Isp, "ID"),
        new(7552, "Viettel Group", AsnType.Isp, "VN"), new(3462, "Chunghwa Telecom", AsnType.Isp, "TW"),
        new(4760, "HKT Limited", AsnType.Isp, "HK"), new(4788, "TM Net", AsnType.Isp, "MY"),
    ];

    public static readonly AsnInfo[] Hosting =
    [
        new(16509, "Amazon.com (AWS)", AsnType.Hosting, "US"), new(396982, "Google Cloud", AsnType.Hosting, "US"),
        new(8075, "Microsoft Azure", AsnType.Hosting, "US"), new(14061, "DigitalOcean", AsnType.Hosting, "US"),
        new(24940, "Hetzner Online", AsnType.Hosting, "DE"), new(16276, "OVH SAS", AsnType.Hosting, "FR"),
        new(45102, "Alibaba (US) Technology", AsnType.Hosting, "SG"), new(132203, "Tencent Cloud", AsnType.Hosting, "SG"),
        new(20473, "The Constant Company (Vultr)", AsnType.Hosting, "US"), new(63949, "Akamai (Linode)", AsnType.Hosting, "US"),
        new(31898, "Oracle Cloud", AsnType.Hosting, "US"), new(135377, "UCloud HK", AsnType.Hosting, "HK"),
    ];

    /// <summary>Commercial proxy and VPN exits that ASN databases label as such.</summary>
    public static readonly AsnInfo[] ProxyAndVpn =
    [
        new(9009, "M247 Europe", AsnType.Vpn, "GB"), new(60068, "Datacamp Limited", AsnType.Vpn, "US"),
        new(62240, "Clouvider", AsnType.Proxy, "GB"), new(212238, "Datacamp (CDN77)", AsnType.Proxy, "US"),
        new(174, "Cogent (proxy block)", AsnType.Proxy, "US"), new(136258, "BrainStorm Network", AsnType.Proxy, "SG"),
    ];

    public static readonly AsnInfo[] Education =
    [
        new(3, "Massachusetts Institute of Technology", AsnType.Education, "US"), new(32, "Stanford University", AsnType.Education, "US"),
        new(25, "University of California at Berkeley", AsnType.Education, "US"), new(9, "Carnegie Mellon University", AsnType.Education, "US"),
        new(73, "University of Washington", AsnType.Education, "US"), new(239, "University of Toronto", AsnType.Education, "CA"),
        new(786, "Jisc Services (JANET)", AsnType.Education, "GB"), new(680, "DFN Verein", AsnType.Education, "DE"),
        new(7610, "SingAREN", AsnType.Education, "SG"), new(2501, "University of Tokyo", AsnType.Education, "JP"),
        new(1781, "KAIST", AsnType.Education, "KR"), new(2200, "RENATER", AsnType.Education, "FR"),
        new(1916, "RNP (Brazil research network)", AsnType.Education, "BR"), new(2907, "SINET (Japan)", AsnType.Education, "JP"),
    ];

    public static AsnInfo IspIn(string country, Generation.SimRandom random)
    {
        var count = 0;
        foreach (var asn in Isps)
        {
            if (asn.Country == country)
            {
                count++;
            }
        }

        if (count == 0)
        {
            return Isps[random.Next(Isps.Length)];
        }

        var pick = random.Next(count);
        foreach (var asn in Isps)
        {
            if (asn.Country == country && pick-- == 0)
            {
                return asn;
            }
        }

        return Isps[0];
    }

    public static AsnInfo EducationIn(string country, Generation.SimRandom random)
    {
        var matches = Array.FindAll(Education, e => e.Country == country);
        return matches.Length > 0 ? matches[random.Next(matches.Length)] : Education[random.Next(Education.Length)];
    }

    /// <summary>A corporate AS for an organisation: a stable number in the 32-bit ARIN range from its name.</summary>
    public static AsnInfo Business(string orgName, string country) =>
        new(393216 + (int)(Generation.StableHash.Of(orgName) % 30000), orgName, AsnType.Business, country);
}
