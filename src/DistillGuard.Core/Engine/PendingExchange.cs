using DistillGuard.Core.Analysis;
using DistillGuard.Core.Intel;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

/// <summary>
/// What the engine keeps of an exchange until its tick closes: features and hashes plus references to the
/// reader's immutable strings (never to the <see cref="Exchange"/>, which readers reuse). Exchanges of a tick are
/// applied in a canonical order, so arrival-order disorder within a tick cannot change any outcome.
/// </summary>
internal readonly record struct PendingExchange
{
    public long Ticks { get; init; }

    public AccountState Account { get; init; }

    public ExchangeFeatures Features { get; init; }

    public ulong BlockHash { get; init; }

    public ulong IpHash { get; init; }

    public ulong ClientHash { get; init; }

    public ulong CountryHash { get; init; }

    public string? Ip { get; init; }

    public string? UserAgent { get; init; }

    public string? TlsFingerprint { get; init; }

    public int Asn { get; init; }

    public string? AsnOrg { get; init; }

    public AsnType AsnType { get; init; }

    public string? Country { get; init; }

    public ModelState? Model { get; init; }

    public TokenUsage Usage { get; init; }

    /// <summary>Where the start of the prompt (kept only to give a template its example) lies in the engine's <see cref="ExampleTexts"/>; length 0 when the exchange cannot link by a template.</summary>
    public int PromptStart { get; init; }

    public int PromptLength { get; init; }

    public IntelMatch? Intel { get; init; }
}
