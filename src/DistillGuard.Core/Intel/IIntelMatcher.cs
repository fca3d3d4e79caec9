using DistillGuard.Core.Analysis;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Intel;

/// <summary>
/// Matches traffic against indicators loaded from peers' STIX bundles. The engine turns matches into reasons
/// (signal <c>intel_match</c>) that raise risk but never by themselves block an account. Thread-safe; matching
/// must not allocate on a miss.
/// </summary>
public interface IIntelMatcher
{
    /// <summary>Matches one exchange's network, client and template attributes at its log time (expired indicators never match).</summary>
    IntelMatch? MatchExchange(Exchange exchange, in ExchangeFeatures features);

    /// <summary>Matches an account record's attributes (payment fingerprint, sign-up e-mail domain) at <paramref name="at"/>.</summary>
    IntelMatch? MatchAccount(AccountRecord account, DateTime at);
}
