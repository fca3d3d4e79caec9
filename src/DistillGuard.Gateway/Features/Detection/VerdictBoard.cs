using System.Collections.Concurrent;
using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Store;

namespace DistillGuard.Gateway.Features.Detection;

/// <summary>
/// The verdict the request path enforces per account: an operator override if there is one, else the engine's
/// latest verdict, else the account's standing (a replacement for a banned account, refused before the engine has
/// applied its first exchange). Written by the engine thread and the admin API, read lock-free by every request.
/// </summary>
internal sealed class VerdictBoard(TimeProvider time)
{
    private readonly ConcurrentDictionary<string, AccountStatus> _engine = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VerdictOverride> _overrides = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, AccountStanding> _standings = new(StringComparer.Ordinal);

    // Written by the engine thread alone; lets every request skip the standings' lookup while there are none (nearly always).
    private volatile int _standingCount;

    public Verdict Effective(string accountId)
    {
        if (_overrides.TryGetValue(accountId, out var manual))
        {
            return manual.Verdict;
        }

        var verdict = _engine.TryGetValue(accountId, out var status) ? status.Verdict : Verdict.Allow;
        // The engine publishes allow for an account it has applied nothing of; its standing is what it will decide then.
        return verdict == Verdict.Allow && _standingCount != 0 && Standing(accountId) is { } standing ? standing.Verdict : verdict;
    }

    /// <summary>The account's standing while it is in force (set, and the account still young enough), else null.</summary>
    public AccountStanding? Standing(string accountId) =>
        _standings.TryGetValue(accountId, out var standing) && InForce(standing, time.GetUtcNow().UtcDateTime) ? standing : null;

    /// <summary>The standings in force now, in no order: the few young accounts refused before the engine has judged them.</summary>
    public IEnumerable<AccountStanding> Standings()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return _standings.Values.Where(standing => InForce(standing, now));
    }

    /// <summary>On the engine thread: records a standing, or withdraws it (<see cref="Verdict.Allow"/>).</summary>
    public void SetStanding(AccountStanding standing)
    {
        if (standing.Verdict == Verdict.Allow)
        {
            if (_standings.TryRemove(standing.AccountId, out _))
            {
                _standingCount--;
            }

            return;
        }

        if (_standings.TryAdd(standing.AccountId, standing))
        {
            _standingCount++;
        }
        else
        {
            _standings[standing.AccountId] = standing;
        }
    }

    /// <summary>Records the engine's view; returns the previous engine verdict, or null when the account is new.</summary>
    public Verdict? SetEngine(AccountStatus status)
    {
        Verdict? previous = _engine.TryGetValue(status.AccountId, out var old) ? old.Verdict : null;
        _engine[status.AccountId] = status;
        return previous;
    }

    public AccountStatus? EngineStatus(string accountId) => _engine.GetValueOrDefault(accountId);

    public void SetOverride(VerdictOverride entry) => _overrides[entry.AccountId] = entry;

    public bool RemoveOverride(string accountId) => _overrides.TryRemove(accountId, out _);

    public VerdictOverride? Override(string accountId) => _overrides.GetValueOrDefault(accountId);

    private static bool InForce(AccountStanding standing, DateTime now) => standing.Until is not { } until || now < until;

    public IEnumerable<AccountStatus> EngineStatuses() => _engine.Values;

    public IEnumerable<VerdictOverride> Overrides() => _overrides.Values;
}
