namespace DistillGuard.Core.Engine;

public sealed partial class DetectionEngine
{
    /// <summary>
    /// Blocked accounts a sign-up domain needs, besides the account itself, before it passes a block on: one blocked
    /// colleague is not enough to refuse a company's next sign-up.
    /// </summary>
    private const int DomainBlockedHolders = 2;

    /// <summary>
    /// Tells the engine an operator's verdict for an account (the gateway's admin override), or clears it with
    /// <see langword="null"/>. Call it on the thread that feeds the engine. It does not change the account's own
    /// findings — the gateway enforces overrides itself — but it decides what the account passes on to the other
    /// holders of its payment instrument (<see cref="DetectionOptions.PaymentBanEvasion"/>): an account allowed by
    /// an operator passes nothing on, one blocked by an operator passes on the block.
    /// </summary>
    public void SetOverride(string accountId, Verdict? verdict)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        ApplyOverride(accountId, verdict, _logNow);
    }

    /// <summary>
    /// <see cref="SetOverride(string, Verdict?)"/> from log time <paramref name="effectiveFrom"/>, in the exchanges'
    /// canonical order as an account record with that <c>effective_from</c> (DetectionEngine.LaterChanges.cs); none:
    /// from now. A live caller stamps it with <see cref="AppliedThrough"/>.
    /// </summary>
    public void SetOverride(string accountId, Verdict? verdict, DateTime? effectiveFrom)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        if (effectiveFrom is not { } from)
        {
            ApplyOverride(accountId, verdict, _logNow);
            return;
        }

        ScheduleOrApply(new LaterChange(LogTicks(from.ToUniversalTime()), 0, null, accountId, verdict));
    }

    /// <summary>Puts an override (or its clearing) in force; standings it changes date from <paramref name="at"/>.</summary>
    private void ApplyOverride(string accountId, Verdict? verdict, long at)
    {
        var account = GetOrCreate(accountId);
        account.Override = verdict;
        SetHolderLevel(account, verdict ?? (account.Exchanges == 0 ? Verdict.Allow : VerdictFor(account.OwnRisk)));
        var payment = account.Links[LinkSlots.Payment];
        if (payment is not null)
        {
            // The account's own override ends its standing, and its level may have moved its co-holders'.
            RestandNewcomer(account, payment, at);
            Restand(at);
        }

        // Re-evaluate the co-holders at the next tick even without traffic of their own, so a cleared override frees
        // them at once.
        EvaluateHoldersOf(payment, account.Links[LinkSlots.EmailDomain], account);
    }

    /// <summary>Moves the account's count on its payment instrument and its sign-up domain to <paramref name="level"/>.</summary>
    private void SetHolderLevel(AccountState account, Verdict level)
    {
        if (level == account.HolderLevel)
        {
            return;
        }

        if (account.Links[LinkSlots.Payment] is { } payment)
        {
            Count(payment, account.HolderLevel, -1);
            Count(payment, level, +1);
            RestandLater(payment);
        }

        if (account.Links[LinkSlots.EmailDomain] is { } domain)
        {
            Count(domain, account.HolderLevel, -1);
            Count(domain, level, +1);
        }

        account.HolderLevel = level;
    }

    private static void Count(AttributeStats attribute, Verdict level, int delta)
    {
        if (level == Verdict.Block)
        {
            attribute.BlockedHolders += delta;
        }
        else if (level == Verdict.Throttle)
        {
            attribute.ThrottledHolders += delta;
        }
    }

    /// <summary>
    /// A replacement for a banned account is enforced from its first exchange, not from the end of that tick: an
    /// operator replaces a banned account within minutes and sends a handful of exchanges from each, all served until
    /// the tick closes. The inputs are the card's holders as the last evaluation left them and the account's own
    /// record, the same whenever the exchange is applied, so a live gateway and a scan of its log agree. The flag is
    /// dated by the exchange, the enforcement by when the engine can first have applied it (the reorder tolerance later),
    /// or by when a gateway began refusing the account on its <see cref="AccountStanding"/>, if that was earlier.
    /// </summary>
    private void InheritAtFirstExchange(AccountState account, long ticks)
    {
        InheritFromCoHolders(account, ticks);
        if (account.InheritedFrom == 0)
        {
            return;
        }

        var enforcedAt = ticks + Options.ReorderTolerance.Ticks;
        if (account.Standing >= Verdict.Throttle)
        {
            enforcedAt = Math.Min(enforcedAt, Math.Max(ticks, account.StandingSinceTicks));
        }

        Publish(account, ticks, enforcedAt);
    }

    /// <summary>
    /// Raises the account's risk to the verdict its co-holders pass on (<see cref="PassedOnTo"/>) when the account is
    /// young enough to be a replacement. Only own evidence and overrides are counted on a card or domain, so an
    /// inherited verdict is not passed on again and lapses when the co-holders' does. An account held at review by its
    /// <see cref="ConversationalUse"/> inherits a block but not a throttle.
    /// </summary>
    private void InheritFromCoHolders(AccountState account, long at)
    {
        account.InheritedFrom = 0;
        if (account.Exchanges == 0
            || (account.CreatedTicks != 0 && at - account.CreatedTicks > Options.BanEvasionMaxAccountAge.Ticks))
        {
            return;
        }

        var (level, holders, via) = PassedOnTo(account);
        if (level == Verdict.Throttle && ConversationalUse.Holds(account, Options))
        {
            // A card-mate's throttle is the same card's evidence that the hold already weighed; a block still passes.
            return;
        }

        var risk = level == Verdict.Block ? Options.BlockRisk : level == Verdict.Throttle ? Options.ThrottleRisk : 0;
        if (risk > account.Risk)
        {
            // The float must not round below the threshold it stands for.
            var atLeast = (float)risk;
            account.Risk = atLeast < risk ? MathF.BitIncrement(atLeast) : atLeast;
            account.InheritedFrom = holders;
            account.InheritedLevel = level;
            account.InheritedVia = via;
        }
    }

    /// <summary>
    /// What the account's co-holders pass on to it, with how many and through which attribute: its card's block or
    /// throttle (<see cref="DetectionOptions.PaymentBanEvasion"/>), else its sign-up domain's block once at least
    /// <see cref="DomainBlockedHolders"/> of the domain's other accounts are blocked
    /// (<see cref="DetectionOptions.SignupDomainBanEvasion"/>). A domain passes no throttle: a card is one payer, while
    /// a company domain is many people, so one colleague's verdict, or a throttle, says less about a newcomer there.
    /// </summary>
    private (Verdict Level, int Holders, AttributeKind Via) PassedOnTo(AccountState account)
    {
        var (level, holders) = Options.PaymentBanEvasion && account.Links[LinkSlots.Payment] is { } payment
            ? PassedOn(payment, account.HolderLevel)
            : (Verdict.Allow, 0);
        if (level != Verdict.Block && Options.SignupDomainBanEvasion && account.Links[LinkSlots.EmailDomain] is { } domain)
        {
            var (domainLevel, domainHolders) = PassedOn(domain, account.HolderLevel);
            if (domainLevel == Verdict.Block && domainHolders >= DomainBlockedHolders)
            {
                return (Verdict.Block, domainHolders, AttributeKind.EmailDomain);
            }
        }

        return (level, holders, AttributeKind.Payment);
    }

    /// <summary>
    /// What the other holders of a card (or sign-up domain) pass on to one of its holders counted at
    /// <paramref name="ownLevel"/>: block while another holder is blocked, else throttle while one is throttled, with
    /// how many; nothing when the attribute does not link accounts (one organisation explains it). The inheritance and
    /// the newcomers' standings both ask here.
    /// </summary>
    private (Verdict Level, int Holders) PassedOn(AttributeStats attribute, Verdict ownLevel)
    {
        if (attribute.BlockedHolders + attribute.ThrottledHolders == 0 || LinkModel.Weight(attribute, _accounts.Count) < LinkModel.LinkThreshold)
        {
            return (Verdict.Allow, 0);
        }

        var blocked = attribute.BlockedHolders - (ownLevel == Verdict.Block ? 1 : 0);
        var throttled = attribute.ThrottledHolders - (ownLevel == Verdict.Throttle ? 1 : 0);
        return blocked > 0 ? (Verdict.Block, blocked) : throttled > 0 ? (Verdict.Throttle, throttled) : (Verdict.Allow, 0);
    }
}
