using System.Runtime.InteropServices;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

/// <summary>
/// Account records that count from a log time (<see cref="AccountRecord.EffectiveFrom"/>): a record given to a live
/// engine at some moment, replayed by a scan or a restart from a file that holds every record from the start. Such a
/// record is applied in the canonical order of the exchanges — after every exchange timed before it, before every one
/// timed at or after it — so where it is applied does not depend on when it was read.
/// </summary>
public sealed partial class DetectionEngine
{
    /// <summary>
    /// Records whose log time the engine has not applied up to yet, from <see cref="_laterRecordsApplied"/> on in time
    /// order (ties in arrival order) once <see cref="SortLaterRecords"/> has run.
    /// </summary>
    private readonly List<(long Ticks, long Arrival, AccountRecord Record)> _laterRecords = [];

    /// <summary>How many of <see cref="_laterRecords"/>, from the front, are applied already.</summary>
    private int _laterRecordsApplied;

    /// <summary>A record came in earlier than the one before it (an accounts file sorted by account id, say).</summary>
    private bool _laterRecordsUnsorted;

    private long _laterRecordArrivals;

    /// <summary>The end of the latest application: every exchange observed before it that is timed before it is applied.</summary>
    private long _appliedThrough = long.MinValue;

    /// <summary>
    /// The log time an account record given now counts from, in the canonical order: the end of the latest application
    /// of buffered exchanges, none before the first. A live caller stamps a record with it
    /// (<see cref="AccountRecord.EffectiveFrom"/>) before <see cref="AddAccount"/> and keeps the stamp where it keeps the
    /// record, so a replay of its log applies the record where the live engine did.
    /// </summary>
    public DateTime? AppliedThrough => _appliedThrough == long.MinValue ? null : new DateTime(_appliedThrough, DateTimeKind.Utc);

    /// <summary>Log time of the next record waiting for its time, <see cref="long.MaxValue"/> when none waits.</summary>
    private long NextLaterRecordTicks
    {
        get
        {
            if (_laterRecordsApplied == _laterRecords.Count)
            {
                return long.MaxValue;
            }

            SortLaterRecords();
            return _laterRecords[_laterRecordsApplied].Ticks;
        }
    }

    private void AddLaterRecord(long ticks, AccountRecord account)
    {
        if (_laterRecords.Count > _laterRecordsApplied && ticks < _laterRecords[^1].Ticks)
        {
            _laterRecordsUnsorted = true;
        }

        _laterRecords.Add((ticks, _laterRecordArrivals++, account));
    }

    /// <summary>Puts the waiting records in time order once, however many came out of order (a file of 25,000 sign-ups).</summary>
    private void SortLaterRecords()
    {
        if (!_laterRecordsUnsorted)
        {
            return;
        }

        _laterRecordsUnsorted = false;
        CollectionsMarshal.AsSpan(_laterRecords)[_laterRecordsApplied..].Sort(static (x, y) =>
            x.Ticks != y.Ticks ? x.Ticks.CompareTo(y.Ticks) : x.Arrival.CompareTo(y.Arrival));
    }

    /// <summary>Applies, in order, the waiting records timed at or before <paramref name="ticks"/>.</summary>
    private void ApplyRecordsThrough(long ticks)
    {
        while (_laterRecordsApplied < _laterRecords.Count && NextLaterRecordTicks <= ticks)
        {
            var (at, _, record) = _laterRecords[_laterRecordsApplied];
            _laterRecords[_laterRecordsApplied++] = default;
            ApplyRecord(record, at);
        }

        if (_laterRecordsApplied == _laterRecords.Count)
        {
            _laterRecords.Clear();
            _laterRecordsApplied = 0;
        }
    }
}
