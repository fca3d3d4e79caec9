using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

public sealed partial class DetectionEngine
{
    /// <summary>
    /// A later record for a known account that names another payment instrument, or another sign-up domain, moves the
    /// account off the one it named before (a customer changing cards, an operator correcting a record): the old
    /// attribute no longer counts it among its holders, with the verdict level, organisation and education it was
    /// counted under, and the caller registers the new one as for a first record. A card also gives up, if the account
    /// has sent nothing yet, its place among the card's newcomers. The old attribute keeps its anchor: a first
    /// holder that moves still links the card's other holders to it, as they did share it.
    /// </summary>
    private AttributeStats LeaveRecordLink(AccountState account, int slot)
    {
        var attribute = account.Links[slot]!;
        Count(attribute, account.HolderLevel, -1);
        if (slot == LinkSlots.Payment)
        {
            LeaveNewcomers(account);
            RestandLater(attribute);
        }

        attribute.Accounts--;
        if (attribute.OrgKey != 0 && account.OrgKey == attribute.OrgKey && attribute.SameOrgAccounts > 0)
        {
            attribute.SameOrgAccounts--;
        }

        if ((account.EducationMask & (1 << slot)) != 0)
        {
            attribute.EducationAccounts--;
        }

        LinkSlots.Release(account, slot);
        _linked.Set(account.Index, account.ForeignLinkMask != 0);
        if (attribute.HeldBy == 0)
        {
            _attributes.Remove((attribute.Kind, attribute.Key));
        }

        return attribute;
    }

    /// <summary>
    /// A later record that moves the account into or out of the education channel: each attribute it holds counts it
    /// as an education holder, or no longer does unless it came to the attribute from an education network, as if the
    /// account had had the new channel when it joined them. Attributes it held once but has let go (rings evict the
    /// oldest) keep the count they had.
    /// </summary>
    private static void ChangeChannel(AccountState account, SignupChannel channel)
    {
        var wasEducation = account.IsEducation;
        account.Channel = channel;
        if (account.IsEducation == wasEducation)
        {
            return;
        }

        for (var slot = 0; slot < LinkSlots.Count; slot++)
        {
            if (account.Links[slot] is not { } attribute)
            {
                continue;
            }

            var bit = (ushort)(1 << slot);
            var counted = (account.EducationMask & bit) != 0;
            var counts = account.IsEducation || (account.EducationNetworkMask & bit) != 0;
            if (counts != counted)
            {
                attribute.EducationAccounts += counts ? 1 : -1;
                account.EducationMask = (ushort)(account.EducationMask ^ bit);
            }
        }
    }

    /// <summary>
    /// Re-decides at the next tick, traffic or not, the holders of <paramref name="first"/> and <paramref name="second"/>
    /// (cards or sign-up domains) but <paramref name="except"/>: what they pass on changed with a holder's level or
    /// membership. Attributes keep no member list, hence the pass over all accounts: overrides and moves are rare.
    /// </summary>
    private void EvaluateHoldersOf(AttributeStats? first, AttributeStats? second, AccountState except)
    {
        if (first is null && second is null)
        {
            return;
        }

        foreach (var account in _accounts)
        {
            if (!ReferenceEquals(account, except) && (Holds(account, first) || Holds(account, second)))
            {
                _dirty.Set(account.Index, true);
                _evaluationDue = true;
            }
        }

        static bool Holds(AccountState account, AttributeStats? attribute) => attribute is not null
            && ReferenceEquals(account.Links[attribute.Kind == AttributeKind.Payment ? LinkSlots.Payment : LinkSlots.EmailDomain], attribute);
    }
}
