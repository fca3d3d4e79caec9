using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Campaigns;

/// <summary>
/// A campaign's dispatcher: one job queue feeding all live accounts, so the campaign's rate follows the operator's
/// shifts (synchronised across accounts) and each account's share stays near the per-account target. Accounts are
/// handed prompts round-robin (load-balancer timing) or at random (worker pool).
/// </summary>
internal sealed partial class CampaignActor : Actor
{
    private const double TicksPerSecond = TimeSpan.TicksPerSecond;

    private readonly CampaignTactics _t;
    private readonly OperatorInfrastructure _infra;
    private readonly List<CampaignAccount> _pending;
    private readonly List<CampaignAccount> _live = [];
    private readonly int _residentialExits;
    private readonly SimRandom _random;
    private readonly long _startTicks;
    private readonly long _endTicks;
    private readonly long _pivotTicks;
    private readonly TaskKind[] _tasks;
    private readonly double[] _taskWeights;
    private readonly TaskKind[]? _laterTasks;
    private readonly double[]? _laterWeights;
    private readonly Conversation _conversation = new();
    private int _nextPending;
    private int _roundRobin;
    private CampaignAccount? _current;

    public CampaignActor(CampaignTactics tactics, OperatorInfrastructure infra, List<CampaignAccount> accounts, int residentialExits, SimRandom random, ScenarioPlan plan)
    {
        _t = tactics;
        _infra = infra;
        _pending = accounts;
        _pending.Sort(static (a, b) => a.Account.ActiveFromTicks != b.Account.ActiveFromTicks ? a.Account.ActiveFromTicks.CompareTo(b.Account.ActiveFromTicks) : a.Slot.CompareTo(b.Slot));
        _residentialExits = residentialExits;
        _random = random;
        _startTicks = Math.Max(tactics.Start.Ticks, plan.StartTicks);
        _endTicks = Math.Min(tactics.Start.AddDays(tactics.DurationDays).Ticks, plan.EndTicks);
        _pivotTicks = tactics.PivotModel is { } pivot && plan.NewRelease is { } release && release.Model == pivot
            ? release.ReleasedAt.Ticks + (long)(tactics.PivotDelayHours * random.Uniform(0.7, 1.3) * TimeSpan.TicksPerHour)
            : long.MaxValue;
        (_tasks, _taskWeights) = CampaignBuilder.Tasks(tactics.Name, tactics.Tasks);
        if (tactics.LaterPhaseTasks is { } later)
        {
            (_laterTasks, _laterWeights) = CampaignBuilder.Tasks(tactics.Name, later);
        }

        Accounts = accounts;
    }

    public CampaignTactics Tactics => _t;
    public OperatorInfrastructure Infrastructure => _infra;
    public IReadOnlyList<CampaignAccount> Accounts { get; }

    /// <summary>When the campaign moved part of its traffic to the new model (null when it never does).</summary>
    public DateTime? PivotAt => _pivotTicks == long.MaxValue ? null : new DateTime(_pivotTicks, DateTimeKind.Utc);

    public override bool Start(GenerationContext context)
    {
        NextTicks = _startTicks;
        return Schedule(_startTicks);
    }

    public override bool Advance(GenerationContext context) => Schedule(NextTicks);

    /// <summary>Finds the next dispatch time after <paramref name="from"/> and the account it goes to.</summary>
    private bool Schedule(long from)
    {
        var t = (double)from;
        for (var guard = 0; guard < 10_000; guard++)
        {
            if (t >= _endTicks)
            {
                return false;
            }

            UpdateLive((long)t);
            if (_live.Count == 0)
            {
                if (_nextPending >= _pending.Count)
                {
                    return false;
                }

                t = Math.Max(t, _pending[_nextPending].Account.ActiveFromTicks);
                continue;
            }

            var shiftEnd = ShiftEndAt((long)t);
            if (shiftEnd < 0)
            {
                t = NextShiftStart((long)t);
                continue;
            }

            var ratePerSecond = _live.Count * _t.ExchangesPerAccountPerDay / 86400.0 / Math.Clamp(_t.DutyCycle, 0.05, 1.0);
            var gapSeconds = _t.Dispatch == DispatchMode.RoundRobin ? _random.Uniform(0.7, 1.3) / ratePerSecond : _random.Exponential(1.0 / ratePerSecond);
            var next = t + (gapSeconds * TicksPerSecond);
            if (next >= shiftEnd)
            {
                t = shiftEnd;
                continue;
            }

            UpdateLive((long)next);
            if (_live.Count == 0)
            {
                t = next;
                continue;
            }

            NextTicks = (long)next;
            _current = PickAccount(NextTicks);
            if (_current is null)
            {
                t = next;
                continue;
            }

            return NextTicks < _endTicks;
        }

        return false;
    }

    // Banned (retired) accounts leave the live list lazily, when the dispatcher next lands on them: checking every
    // live account on every dispatch would cost O(accounts) per exchange.
    private CampaignAccount? PickAccount(long ticks)
    {
        while (_live.Count > 0)
        {
            int index;
            if (_t.Dispatch == DispatchMode.RoundRobin)
            {
                _roundRobin = (_roundRobin + 1) % _live.Count;
                index = _roundRobin;
            }
            else
            {
                index = _random.Next(_live.Count);
            }

            var candidate = _live[index];
            if (candidate.Account.ActiveUntilTicks > ticks)
            {
                return candidate;
            }

            _live[index] = _live[^1];
            _live.RemoveAt(_live.Count - 1);
        }

        return null;
    }

    private void UpdateLive(long ticks)
    {
        while (_nextPending < _pending.Count && _pending[_nextPending].Account.ActiveFromTicks <= ticks)
        {
            _live.Add(_pending[_nextPending++]);
        }
    }

    // The operator's shift: a window of DutyCycle × 24 h centred on 14:00 in its own time zone, starting a little
    // earlier or later each day. Returns the shift's end when ticks is inside one, otherwise -1.
    private long ShiftEndAt(long ticks)
    {
        if (_t.DutyCycle >= 0.999)
        {
            return long.MaxValue;
        }

        var (start, end) = Shift(LocalDay(ticks));
        if (ticks >= start && ticks < end)
        {
            return end;
        }

        var (prevStart, prevEnd) = Shift(LocalDay(ticks) - 1);
        return ticks >= prevStart && ticks < prevEnd ? prevEnd : -1;
    }

    private long NextShiftStart(long ticks)
    {
        var day = LocalDay(ticks);
        var (start, _) = Shift(day);
        return start > ticks ? start : Shift(day + 1).Start;
    }

    private long LocalDay(long ticks) => (long)Math.Floor(((ticks / TicksPerSecond / 3600.0) + _t.OperatorUtcOffsetHours) / 24.0);

    private (long Start, long End) Shift(long localDay)
    {
        var length = 24.0 * _t.DutyCycle;
        var jitter = ((StableHash.Mix(StableHash.Of(_t.Operator), (ulong)localDay) % 1000) / 1000.0 - 0.5) * 1.5;
        var startHourUtc = (localDay * 24.0) + 14.0 - (length / 2) + jitter - _t.OperatorUtcOffsetHours;
        var start = (long)(startHourUtc * 3600.0 * TicksPerSecond);
        return (start, start + (long)(length * 3600.0 * TicksPerSecond));
    }
}
