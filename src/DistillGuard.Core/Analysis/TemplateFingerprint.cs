namespace DistillGuard.Core.Analysis;

/// <summary>
/// Accumulates the template id of one text: the hash of its frame words in order, with each run of
/// consecutive slot tokens (however long: a name, a number, a whole problem statement) collapsed to one
/// marker. Line layout and punctuation are ignored so re-wrapping does not change the id.
/// </summary>
internal struct TemplateFingerprint
{
    private const ulong SlotMarker = 0x5107_5107_5107_5107UL;
    private const ulong EmptyText = 0xE3B0C44298FC1C14UL;

    private ulong _hash;
    private bool _inSlotRun;
    private bool _any;

    public TemplateFingerprint()
    {
        _hash = Hash64.SequenceSeed;
    }

    /// <summary>Frame words seen (a template with no frame words identifies nothing).</summary>
    public int FrameWords { get; private set; }

    /// <summary>Runs of slot tokens seen.</summary>
    public int SlotRuns { get; private set; }

    public void Add(in PromptToken token)
    {
        if (token.IsBreak)
        {
            return;
        }

        _any = true;
        if (token.IsSlot)
        {
            if (!_inSlotRun)
            {
                _hash = Hash64.Combine(_hash, SlotMarker);
                _inSlotRun = true;
                SlotRuns++;
            }

            return;
        }

        _hash = Hash64.Combine(_hash, token.Hash);
        _inSlotRun = false;
        FrameWords++;
    }

    public readonly ulong Finish() => _any ? _hash : EmptyText;
}
