namespace DistillGuard.Core.Engine;

public sealed partial class DetectionEngine
{
    /// <summary>Attributes whose anchor moved to another organisation: their holders are counted again at the next evaluation.</summary>
    private readonly List<AttributeStats> _orgRecounts = [];

    /// <summary>
    /// Moves a known account to another <c>org_id</c>: what an operator does through the gateway's admin API to tell the
    /// engine that a team sharing a card is one customer's workspace. Each attribute the account holds counts it under
    /// its new organisation, so the next re-clustering weighs the links as a scan with that record from the start
    /// would. An attribute the account anchors takes the new organisation as its own, and its holders are counted
    /// again at the next evaluation (one walk over the accounts, however many moved); a holder whose ring no longer
    /// holds it is not counted then, so its explained share can only come out lower than a scan's.
    /// </summary>
    private void MoveToOrganisation(AccountState account, ulong org)
    {
        var before = account.OrgKey;
        account.OrgKey = org;
        foreach (var attribute in account.Links)
        {
            if (attribute is null)
            {
                continue;
            }

            if (ReferenceEquals(attribute.Anchor, account))
            {
                attribute.OrgKey = org;
                if (!attribute.OrgRecountDue)
                {
                    attribute.OrgRecountDue = true;
                    _orgRecounts.Add(attribute);
                }
            }
            else if (attribute.OrgKey != 0)
            {
                attribute.SameOrgAccounts += (org == attribute.OrgKey ? 1 : 0) - (before == attribute.OrgKey ? 1 : 0);
            }
        }
    }

    /// <summary>Counts the holders of each attribute whose anchor moved that are in its organisation now.</summary>
    private void RecountOrganisations()
    {
        if (_orgRecounts.Count == 0)
        {
            return;
        }

        foreach (var attribute in _orgRecounts)
        {
            attribute.SameOrgAccounts = 0;
        }

        foreach (var account in _accounts)
        {
            if (account.OrgKey == 0)
            {
                continue;
            }

            foreach (var link in account.Links)
            {
                if (link is { OrgRecountDue: true } && link.OrgKey == account.OrgKey)
                {
                    link.SameOrgAccounts++;
                }
            }
        }

        foreach (var attribute in _orgRecounts)
        {
            attribute.OrgRecountDue = false;
        }

        _orgRecounts.Clear();
    }
}
