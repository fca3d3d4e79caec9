namespace DistillGuard.Core.Engine;

public sealed partial class DetectionEngine
{
    /// <summary>Payment instruments whose holders or holder counts changed since standings were last brought up to date.</summary>
    private readonly List<AttributeStats> _cardsToRestand = [];

    /// <summary>
    /// Raised (on the feeding thread) when the verdict a gateway should enforce on an account's first requests changes:
    /// set while the account has sent nothing the engine has applied and another holder of its card is enforced,
    /// withdrawn (<see cref="Verdict.Allow"/>) when the engine applies its first exchange and publishes its own verdict,
    /// or when the card's holders are no longer enforced. Without it a replacement for a banned account is served until
    /// the engine applies its first exchange, the reorder tolerance later.
    /// </summary>
    public event Action<AccountStanding>? StandingChanged;

    /// <summary>An account known before its traffic (the accounts file, the gateway's store) joins its card's newcomers.</summary>
    private void AddNewcomer(AccountState account, AttributeStats payment, long at)
    {
        var newcomers = payment.Newcomers ??= [];
        account.NewcomerSlot = newcomers.Count;
        newcomers.Add(account);
        RestandNewcomer(account, payment, at);
    }

    /// <summary>At the account's first applied exchange: from then on its own verdict, published by now, is enforced.</summary>
    private void RemoveNewcomer(AccountState account)
    {
        if (LeaveNewcomers(account))
        {
            SetStanding(account, Verdict.Allow, _logNow);
        }
    }

    /// <summary>Takes the account off its card's newcomers, keeping its standing; returns whether it was one.</summary>
    private static bool LeaveNewcomers(AccountState account)
    {
        if (account.NewcomerSlot < 0 || account.Links[LinkSlots.Payment]?.Newcomers is not { } newcomers)
        {
            return false;
        }

        // Swap-remove: a card's newcomers are unordered, and a scan starts with every account of the accounts file here.
        var last = newcomers[^1];
        newcomers[account.NewcomerSlot] = last;
        last.NewcomerSlot = account.NewcomerSlot;
        newcomers.RemoveAt(newcomers.Count - 1);
        account.NewcomerSlot = -1;
        return true;
    }

    private void RestandLater(AttributeStats payment)
    {
        if (!payment.RestandQueued)
        {
            payment.RestandQueued = true;
            _cardsToRestand.Add(payment);
        }
    }

    /// <summary>Brings the newcomers' standings up to date with their cards, as of log time <paramref name="at"/>.</summary>
    private void Restand(long at)
    {
        foreach (var card in _cardsToRestand)
        {
            card.RestandQueued = false;
            // What the inheritance at the first exchange will pass on to a holder with no level of its own; the account's
            // age the gateway checks per request against the standing's end.
            var level = Options.PaymentBanEvasion ? PassedOn(card, Verdict.Allow).Level : Verdict.Allow;
            // Only a change of the card's level touches its newcomers (a newcomer joins at the level in force): adding
            // the holders of a card one by one, as the accounts file does, stays linear however many share it.
            if (level == card.StandingLevel)
            {
                continue;
            }

            card.StandingLevel = level;
            foreach (var account in card.Newcomers ?? [])
            {
                Stand(account, level, at);
            }
        }

        _cardsToRestand.Clear();
    }

    /// <summary>Gives a newcomer its card's standing: when it joins, and when an override of its own is set or cleared.</summary>
    private void RestandNewcomer(AccountState account, AttributeStats payment, long at)
    {
        if (account.NewcomerSlot >= 0)
        {
            Stand(account, payment.StandingLevel, at);
        }
    }

    /// <summary>A newcomer stands at its card's level, unless an override of its own wins over any standing.</summary>
    private void Stand(AccountState account, Verdict cardLevel, long at) =>
        SetStanding(account, account.Override is null ? cardLevel : Verdict.Allow, at);

    private void SetStanding(AccountState account, Verdict level, long at)
    {
        if (level == account.Standing)
        {
            return;
        }

        if (account.Standing == Verdict.Allow)
        {
            account.StandingSinceTicks = at;
        }

        account.Standing = level;
        DateTime? until = account.CreatedTicks == 0 ? null : new DateTime(account.CreatedTicks + Options.BanEvasionMaxAccountAge.Ticks, DateTimeKind.Utc);
        StandingChanged?.Invoke(new AccountStanding(account.Id, level, until));
    }
}
