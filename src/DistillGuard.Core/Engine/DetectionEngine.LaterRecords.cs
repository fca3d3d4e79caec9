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
    /// <summary>Records whose log time the engine has not applied up to yet, in time order (ties in arrival order).</summary>
    private readonly List<(long Ticks, AccountRecord Record)> _laterRecords = [];

    /// <summary>How many of <see cref="_laterRecords"/>, from the front, are applied already.</summary>
    private int _laterRecordsApplied;

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
    private long NextLaterRecordTicks =>
        _laterRecordsApplied < _laterRecords.Count ? _laterRecords[_laterRecordsApplied].Ticks : long.MaxValue;

    private void AddLaterRecord(long ticks, AccountRecord account)
    {
        // Records arrive in time order but for the odd hand-edited line: insert after every record at or before it.
        var index = _laterRecords.Count;
        while (index > _laterRecordsApplied && _laterRecords[index - 1].Ticks > ticks)
        {
            index--;
        }

        _laterRecords.Insert(index, (ticks, account));
    }

    /// <summary>Applies, in order, the waiting records timed at or before <paramref name="ticks"/>.</summary>
    private void ApplyRecordsThrough(long ticks)
    {
        while (_laterRecordsApplied < _laterRecords.Count && _laterRecords[_laterRecordsApplied].Ticks <= ticks)
        {
            var (at, record) = _laterRecords[_laterRecordsApplied];
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
