namespace DistillGuard.Core.Engine;

public sealed partial class DetectionEngine
{
    /// <summary>
    /// Puts new verdict thresholds and the conversational-use hold into force without a restart (the gateway's
    /// configuration reload). At the next tick every account is re-decided on the evidence seen so far: its risk and
    /// verdict are then what a scan with these options from the start reaches at that tick. What already happened —
    /// first flags, enforcements, lapses — stays as it was decided. Call it on the observing thread.
    /// </summary>
    /// <exception cref="ArgumentException">The thresholds are out of order or out of (0, 1]; nothing changes.</exception>
    public void Retune(double reviewRisk, double throttleRisk, double blockRisk, bool holdConversationalUse)
    {
        DetectionOptions.CheckThresholds(reviewRisk, throttleRisk, blockRisk);
        if (reviewRisk == Options.ReviewRisk && throttleRisk == Options.ThrottleRisk && blockRisk == Options.BlockRisk
            && holdConversationalUse == Options.HoldConversationalUse)
        {
            return;
        }

        Options.ReviewRisk = reviewRisk;
        Options.ThrottleRisk = throttleRisk;
        Options.BlockRisk = blockRisk;
        Options.HoldConversationalUse = holdConversationalUse;

        // Every threshold enters the risk (the hold), the verdict, ban evasion and campaign naming, so no account's
        // last decision can be kept: all are re-decided, which a tick otherwise does only for those with news.
        foreach (var account in _accounts)
        {
            account.Dirty = true;
        }

        _evaluationDue = true;
    }
}
