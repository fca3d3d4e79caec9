using System.Globalization;
using System.Text.Json;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Hashing;
using DistillGuard.Intel.Patterns;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Import;

/// <summary>Collects matchable values from validated bundles and freezes them into a <see cref="StixIntelMatcher"/>.</summary>
internal sealed partial class IntelIndexBuilder
{
    private const double DefaultConfidence = 0.5;

    private readonly Dictionary<int, Dictionary<UInt128, List<IntelEntry>>> _v4 = [];
    private readonly Dictionary<int, Dictionary<UInt128, List<IntelEntry>>> _v6 = [];
    private readonly Dictionary<long, List<IntelEntry>> _asns = [];
    private readonly Dictionary<string, List<IntelEntry>> _emailDomains = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (byte[] Salt, Dictionary<Hash256, List<IntelEntry>> Payment, Dictionary<Hash256, List<IntelEntry>> Template, Dictionary<Hash256, List<IntelEntry>> Client)> _salts = new(StringComparer.Ordinal);
    private readonly List<(ulong, int, IntelEntry)> _sketches = [];
    private int _bundles;
    private int _indicators;
    private int _ipValues;
    private int _hashed;
    private int _unsupported;
    private int _revoked;

    /// <summary>Adds one bundle that <see cref="Validation.StixValidator"/> accepted.</summary>
    public void AddBundle(JsonElement bundle, string fileName)
    {
        _bundles++;
        if (!bundle.TryGetProperty("objects", out var objects))
        {
            return;
        }

        var identities = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var obj in objects.EnumerateArray())
        {
            if (obj.GetProperty("type").GetString() == "identity" && obj.TryGetProperty("name", out var name))
            {
                identities[obj.GetProperty("id").GetString()!] = name.GetString()!;
            }
        }

        foreach (var obj in objects.EnumerateArray())
        {
            var type = obj.GetProperty("type").GetString();
            if (type is not ("indicator" or FingerprintExtension.ObjectType))
            {
                continue;
            }

            if (obj.TryGetProperty("revoked", out var revoked) && revoked.ValueKind == JsonValueKind.True)
            {
                _revoked++;
                continue;
            }

            var source = obj.TryGetProperty("created_by_ref", out var creator) && identities.TryGetValue(creator.GetString()!, out var creatorName)
                ? creatorName
                : fileName;
            var common = new CommonFields(
                obj.GetProperty("id").GetString()!,
                obj.TryGetProperty("name", out var objName) ? objName.GetString()! : obj.GetProperty("id").GetString()!,
                source,
                obj.TryGetProperty("confidence", out var confidence) ? confidence.GetInt32() / 100.0 : DefaultConfidence,
                obj.TryGetProperty("valid_until", out var until) && StixTimestamp.TryParse(until.GetString()!, out var validUntil, out _) ? validUntil : null);
            if (type == "indicator")
            {
                AddIndicator(obj, common);
            }
            else
            {
                AddFingerprint(obj, common);
            }
        }
    }

    public StixIntelMatcher Build()
    {
        var groups = new List<SaltGroup>();
        foreach (var (_, (salt, payment, template, client)) in _salts)
        {
            groups.Add(new SaltGroup(new HmacSha256Key(salt), IntelEntries.Freeze(payment), IntelEntries.Freeze(template), IntelEntries.Freeze(client)));
        }

        var summary = new IntelLoadSummary(_bundles, _indicators, _ipValues, _asns.Count, _hashed, _sketches.Count, _unsupported, _revoked)
        {
            EmailDomains = _emailDomains.Count,
        };
        return new StixIntelMatcher(new PrefixTable(32, _v4), new PrefixTable(128, _v6), IntelEntries.Freeze(_asns), IntelEntries.Freeze(_emailDomains),
            [.. groups], new SketchIndex(_sketches), summary);
    }

    private void AddIndicator(JsonElement obj, CommonFields common)
    {
        _indicators++;
        if (obj.GetProperty("pattern_type").GetString() != "stix")
        {
            _unsupported++;
            return;
        }

        var terms = new List<ComparisonTest>();
        if (!PatternTerms.TryCollectDisjunction(StixPatternParser.Parse(obj.GetProperty("pattern").GetString()!), terms))
        {
            _unsupported++; // AND/FOLLOWEDBY/qualifiers need several observations; one exchange cannot satisfy them
            return;
        }

        foreach (var term in terms)
        {
            if (!AddTerm(term, common))
            {
                _unsupported++;
                return;
            }
        }
    }

    private bool AddTerm(ComparisonTest term, CommonFields common)
    {
        var value = term.Values[0].Text;
        switch (term.ObjectType, term.Path)
        {
            case ("ipv4-addr" or "ipv6-addr", "value"):
                var v6 = term.ObjectType == "ipv6-addr";
                if (!IpAddressText.TryParseBlock(value, v6, out var network, out var prefix))
                {
                    return false;
                }

                var bits = v6 ? 128 : 32;
                if (v6 && prefix >= 96 && IpAddressText.TryUnmapV4(network, out var mapped))
                {
                    (network, prefix, bits, v6) = (mapped, prefix - 96, 32, false);
                }

                var table = v6 ? _v6 : _v4;
                if (!table.TryGetValue(prefix, out var byNetwork))
                {
                    table[prefix] = byNetwork = [];
                }

                Add(byNetwork, network, common.Entry(prefix == bits ? "ip" : "ip_block"));
                _ipValues++;
                return true;
            case ("autonomous-system", "number"):
                if (!long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var asn))
                {
                    return false;
                }

                Add(_asns, asn, common.Entry("asn"));
                return true;
            case ("domain-name", "value"):
                // Matched against accounts' sign-up domains; a public provider's or a school's would match everyone's.
                if (EmailDomains.Linkable(value) is not { } domain)
                {
                    return false;
                }

                Add(_emailDomains, domain, common.Entry("email_domain"));
                return true;
            default:
                return false;
        }
    }

    private static void Add<TKey>(Dictionary<TKey, List<IntelEntry>> map, TKey key, IntelEntry entry)
        where TKey : notnull
    {
        if (!map.TryGetValue(key, out var list))
        {
            map[key] = list = [];
        }

        list.Add(entry);
    }

    /// <summary>The fields every indicator value shares.</summary>
    private sealed record CommonFields(string Id, string Name, string Source, double Confidence, DateTime? ValidUntil)
    {
        public IntelEntry Entry(string kind) => new(Id, kind, Source, Confidence, Name, ValidUntil);
    }
}
