using System.Collections.Concurrent;
using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Store;

namespace DistillGuard.Gateway.Features.Detection;

/// <summary>
/// The verdict the request path enforces per account: an operator override if there is one, else the engine's
/// latest verdict. Written by the engine thread and the admin API, read lock-free by every request.
/// </summary>
internal sealed class VerdictBoard
{
    private readonly ConcurrentDictionary<string, AccountStatus> _engine = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, VerdictOverride> _overrides = new(StringComparer.Ordinal);

    public Verdict Effective(string accountId) =>
        _overrides.TryGetValue(accountId, out var manual) ? manual.Verdict
        : _engine.TryGetValue(accountId, out var status) ? status.Verdict
        : Verdict.Allow;

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

    public IEnumerable<AccountStatus> EngineStatuses() => _engine.Values;

    public IEnumerable<VerdictOverride> Overrides() => _overrides.Values;
}
