using System.Runtime.InteropServices;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

/// <summary>
/// Account records and overrides that count from a log time (<see cref="AccountRecord.EffectiveFrom"/>): given to a live
/// engine at some moment, replayed by a scan or a restart from a file that holds every one from the start. Each is
/// applied in the canonical order of the exchanges — after every exchange timed before it, before every one timed at
/// or after it — so where it is applied does not depend on when it was read.
/// </summary>
public sealed partial class DetectionEngine
{
    /// <summary>
    /// Records and overrides whose log time the engine has not applied up to yet, from <see cref="_laterChangesApplied"/> on in time
    /// order (ties in arrival order) once <see cref="SortLaterChanges"/> has run.
    /// </summary>
    private readonly List<LaterChange> _laterChanges = [];

    /// <summary>How many of <see cref="_laterChanges"/>, from the front, are applied already.</summary>
    private int _laterChangesApplied;

    /// <summary>A change came in earlier than the one before it (an accounts file sorted by account id, say).</summary>
    private bool _laterChangesUnsorted;

    private long _laterChangeArrivals;

    /// <summary>The end of the latest application: every exchange observed before it that is timed before it is applied.</summary>
    private long _appliedThrough = long.MinValue;

    /// <summary>
    /// The log time an account record given now counts from, in the canonical order: the end of the latest application
    /// of buffered exchanges, none before the first. A live caller stamps a record with it
    /// (<see cref="AccountRecord.EffectiveFrom"/>) before <see cref="AddAccount"/> and keeps the stamp where it keeps the
    /// record, so a replay of its log applies the record where the live engine did.
    /// </summary>
    public DateTime? AppliedThrough => _appliedThrough == long.MinValue ? null : new DateTime(_appliedThrough, DateTimeKind.Utc);

    /// <summary>Log time of the next change waiting for its time, <see cref="long.MaxValue"/> when none waits.</summary>
    private long NextLaterChangeTicks
    {
        get
        {
            if (_laterChangesApplied == _laterChanges.Count)
            {
                return long.MaxValue;
            }

            SortLaterChanges();
            return _laterChanges[_laterChangesApplied].Ticks;
        }
    }

    /// <summary>
    /// Waits for the change's log time, or, when the engine has applied up to it already (a live caller's stamp), puts it
    /// in force now, after any change waiting for the same time.
    /// </summary>
    private void ScheduleOrApply(LaterChange change)
    {
        if (change.Ticks > _appliedThrough)
        {
            AddLaterChange(change);
            return;
        }

        ApplyChangesThrough(change.Ticks);
        Apply(change);
    }

    private void AddLaterChange(LaterChange change)
    {
        if (_laterChanges.Count > _laterChangesApplied && change.Ticks < _laterChanges[^1].Ticks)
        {
            _laterChangesUnsorted = true;
        }

        _laterChanges.Add(change with { Arrival = _laterChangeArrivals++ });
    }

    /// <summary>Puts the waiting changes in time order once, however many came out of order (a file of 25,000 sign-ups).</summary>
    private void SortLaterChanges()
    {
        if (!_laterChangesUnsorted)
        {
            return;
        }

        _laterChangesUnsorted = false;
        CollectionsMarshal.AsSpan(_laterChanges)[_laterChangesApplied..].Sort(static (x, y) =>
            x.Ticks != y.Ticks ? x.Ticks.CompareTo(y.Ticks) : x.Arrival.CompareTo(y.Arrival));
    }

    /// <summary>Applies, in order, the waiting changes timed at or before <paramref name="ticks"/>.</summary>
    private void ApplyChangesThrough(long ticks)
    {
        while (_laterChangesApplied < _laterChanges.Count && NextLaterChangeTicks <= ticks)
        {
            var change = _laterChanges[_laterChangesApplied];
            _laterChanges[_laterChangesApplied++] = default;
            Apply(change);
        }

        if (_laterChangesApplied == _laterChanges.Count)
        {
            _laterChanges.Clear();
            _laterChangesApplied = 0;
        }
    }

    private void Apply(in LaterChange change)
    {
        if (change.Record is { } record)
        {
            ApplyRecord(record, change.Ticks);
        }
        else
        {
            ApplyOverride(change.OverrideAccount!, change.OverrideVerdict, change.Ticks);
        }
    }

    /// <summary>An account record, or an override of <see cref="OverrideAccount"/> (cleared when its verdict is null), waiting for its time.</summary>
    private readonly record struct LaterChange(long Ticks, long Arrival, AccountRecord? Record, string? OverrideAccount, Verdict? OverrideVerdict);
}
