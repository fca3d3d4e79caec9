namespace DistillGuard.Core.Engine;

public sealed partial class DetectionEngine
{
    /// <summary>
    /// Puts <paramref name="next"/>'s verdict thresholds, conversational-use hold, ban evasion (by card and by sign-up
    /// domain) and risk model into force without a restart (the gateway's configuration reload); its other settings are
    /// not read — they shape state the engine has already built. At the next tick every account is re-decided on the
    /// evidence seen so far: its risk and verdict are then what a scan with these options from the start reaches at
    /// that tick, and the newcomers on each card stand as it would have them. What already happened — first flags, enforcements, lapses —
    /// stays as it was decided. Call it on the observing thread.
    /// </summary>
    /// <returns>Whether anything changed.</returns>
    /// <exception cref="ArgumentException">The thresholds are out of order or out of (0, 1]; nothing changes.</exception>
    public bool Retune(DetectionOptions next)
    {
        ArgumentNullException.ThrowIfNull(next);
        DetectionOptions.CheckThresholds(next.ReviewRisk, next.ThrottleRisk, next.BlockRisk);
        if (next.ReviewRisk == Options.ReviewRisk && next.ThrottleRisk == Options.ThrottleRisk && next.BlockRisk == Options.BlockRisk
            && next.HoldConversationalUse == Options.HoldConversationalUse && next.PaymentBanEvasion == Options.PaymentBanEvasion
            && next.SignupDomainBanEvasion == Options.SignupDomainBanEvasion
            && next.RiskModel.Fingerprint == Options.RiskModel.Fingerprint)
        {
            return false;
        }

        var restand = next.PaymentBanEvasion != Options.PaymentBanEvasion;
        Options.ReviewRisk = next.ReviewRisk;
        Options.ThrottleRisk = next.ThrottleRisk;
        Options.BlockRisk = next.BlockRisk;
        Options.HoldConversationalUse = next.HoldConversationalUse;
        Options.PaymentBanEvasion = next.PaymentBanEvasion;
        Options.SignupDomainBanEvasion = next.SignupDomainBanEvasion;
        Options.RiskModel = next.RiskModel;

        // Every one of these enters the risk, the verdict, ban evasion or campaign naming, so no account's last
        // decision can be kept: all are re-decided, which a tick otherwise does only for those with news. What a card
        // passes on to its newcomers depends on ban evasion: when it changed, every card's standing is brought up to
        // date at that tick too (those of cards whose level does not move cost one comparison).
        foreach (var account in _accounts)
        {
            _dirty.Set(account.Index, true);
            if (restand && account.Links[LinkSlots.Payment] is { } payment)
            {
                RestandLater(payment);
            }
        }

        _evaluationDue = true;
        return true;
    }
}
