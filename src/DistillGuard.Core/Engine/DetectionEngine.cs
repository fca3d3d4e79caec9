using System.Collections.Concurrent;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Findings;
using DistillGuard.Core.Intel;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

/// <summary>
/// The one detection engine behind both <c>scan</c> (a replay of the log in time order) and the live gateway.
/// <see cref="Observe"/> must be called from one thread at a time, in timestamp order; <see cref="GetStatus"/>
/// may be called from any thread.
/// </summary>
/// <remarks>PLACEHOLDER SURFACE: the engine issue replaces the body; the public members stay.</remarks>
public sealed class DetectionEngine
{
    private readonly ConcurrentDictionary<string, AccountStatus> _published = new(StringComparer.Ordinal);

    public DetectionEngine(DetectionOptions options, IExchangeAnalyzer analyzer, IIntelMatcher? intel = null)
    {
        Options = options;
        Analyzer = analyzer;
        Intel = intel;
    }

    public DetectionOptions Options { get; }

    public IExchangeAnalyzer Analyzer { get; }

    /// <summary>Peers' indicators, when loaded (<c>scan --intel</c>).</summary>
    public IIntelMatcher? Intel { get; }

    /// <summary>Raised (on the observing thread) when an account's verdict changes.</summary>
    public event Action<AccountStatus>? VerdictChanged;

    public void AddAccount(AccountRecord account) => ArgumentNullException.ThrowIfNull(account);

    public void AddModelRelease(ModelRelease release) => ArgumentNullException.ThrowIfNull(release);

    /// <summary>Feeds one exchange; returns the account's verdict after it.</summary>
    public Verdict Observe(Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        _ = VerdictChanged;
        return Verdict.Allow;
    }

    public AccountStatus? GetStatus(string accountId) => _published.GetValueOrDefault(accountId);

    /// <summary>Builds the findings document for everything observed so far.</summary>
    public FindingsDocument BuildFindings(long badRecords, DateTime generatedAt) => new()
    {
        GeneratedAt = generatedAt,
        Input = new FindingsInput { BadRecords = badRecords },
    };
}
