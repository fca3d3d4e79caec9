using DistillGuard.Core.Analysis;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Intel;
using DistillGuard.Core.Log;
using DistillGuard.Intel.Stix;

namespace DistillGuard.Intel.Import;

/// <summary>
/// Matches traffic against loaded indicators. Read-only after construction, so thread-safe. A miss costs a few
/// hash probes plus one HMAC per salted fingerprint kind shared, and allocates nothing.
/// </summary>
internal sealed class StixIntelMatcher : IIntelMatcher
{
    private readonly PrefixTable _v4;
    private readonly PrefixTable _v6;
    private readonly Dictionary<long, IntelEntry[]> _asns;
    private readonly Dictionary<string, IntelEntry[]> _emailDomains;
    private readonly SaltGroup[] _saltGroups;
    private readonly SketchIndex _sketches;

    public StixIntelMatcher(PrefixTable v4, PrefixTable v6, Dictionary<long, IntelEntry[]> asns, Dictionary<string, IntelEntry[]> emailDomains,
        SaltGroup[] saltGroups, SketchIndex sketches, IntelLoadSummary summary)
    {
        _v4 = v4;
        _v6 = v6;
        _asns = asns;
        _emailDomains = emailDomains;
        _saltGroups = saltGroups;
        _sketches = sketches;
        Summary = summary;
    }

    /// <summary>What was loaded (for the CLI and tests).</summary>
    public IntelLoadSummary Summary { get; }

    public IntelMatch? MatchExchange(Exchange exchange, in ExchangeFeatures features)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var at = exchange.Timestamp;
        IntelEntry? best = null;
        if (exchange.Ip is { } ip)
        {
            best = IntelEntries.Better(best, MatchIp(ip, at));
        }

        if (exchange.Asn is { } asn && _asns.TryGetValue(asn, out var asnEntries))
        {
            best = IntelEntries.Better(best, IntelEntries.FirstValid(asnEntries, at));
        }

        foreach (var group in _saltGroups)
        {
            if (group.Template.Count > 0 && features.TemplateId != 0
                && group.Template.TryGetValue(FingerprintHasher.HashTemplate(group.Key, features.TemplateId), out var templateEntries))
            {
                best = IntelEntries.Better(best, IntelEntries.FirstValid(templateEntries, at));
            }

            if (group.Client.Count > 0 && (exchange.UserAgent is not null || exchange.TlsFingerprint is not null)
                && group.Client.TryGetValue(FingerprintHasher.HashClient(group.Key, exchange.UserAgent, exchange.TlsFingerprint), out var clientEntries))
            {
                best = IntelEntries.Better(best, IntelEntries.FirstValid(clientEntries, at));
            }
        }

        if (features.Sketch != 0)
        {
            best = IntelEntries.Better(best, _sketches.Find(features.Sketch, at));
        }

        return best?.Match;
    }

    public IntelMatch? MatchAccount(AccountRecord account, DateTime at)
    {
        ArgumentNullException.ThrowIfNull(account);
        IntelEntry? best = null;
        if (account.PaymentFingerprint is { Length: > 0 } payment)
        {
            foreach (var group in _saltGroups)
            {
                if (group.Payment.Count > 0 && group.Payment.TryGetValue(FingerprintHasher.Hash(group.Key, payment), out var entries))
                {
                    best = IntelEntries.Better(best, IntelEntries.FirstValid(entries, at));
                }
            }
        }

        if (_emailDomains.Count > 0 && EmailDomains.Linkable(account.EmailDomain) is { } domain && _emailDomains.TryGetValue(domain, out var domainEntries))
        {
            best = IntelEntries.Better(best, IntelEntries.FirstValid(domainEntries, at));
        }

        return best?.Match;
    }

    private IntelEntry? MatchIp(string ip, DateTime at)
    {
        if (IpAddressText.TryParseV4(ip, out var v4))
        {
            return _v4.Find(v4, at);
        }

        if (IpAddressText.TryParseV6(ip, out var v6))
        {
            return IpAddressText.TryUnmapV4(v6, out var mapped) ? _v4.Find(mapped, at) : _v6.Find(v6, at);
        }

        return null;
    }
}
