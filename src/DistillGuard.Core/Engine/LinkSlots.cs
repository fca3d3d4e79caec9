namespace DistillGuard.Core.Engine;

/// <summary>Layout of <see cref="AccountState.Links"/>: one payment slot, a ring per kind linked by traffic, then one e-mail domain slot.</summary>
internal static class LinkSlots
{
    /// <summary>Kinds of <see cref="AttributeKind"/>, for per-kind arrays.</summary>
    public const int Kinds = (int)AttributeKind.EmailDomain + 1;

    public const int Payment = 0;
    public const int BlockStart = 1;
    public const int Blocks = 6;
    public const int ClientStart = BlockStart + Blocks;
    public const int Clients = 3;
    public const int TemplateStart = ClientStart + Clients;
    public const int Templates = 4;
    public const int EmailDomain = TemplateStart + Templates;
    public const int Count = EmailDomain + 1;

    public static (int Start, int Length, int Ring) Range(AttributeKind kind) => kind switch
    {
        AttributeKind.IpBlock => (BlockStart, Blocks, 0),
        AttributeKind.ClientFingerprint => (ClientStart, Clients, 1),
        AttributeKind.Template => (TemplateStart, Templates, 2),
        AttributeKind.EmailDomain => (EmailDomain, 1, -1),
        _ => (Payment, 1, -1),
    };

    /// <summary>Whether the account already holds the attribute in its ring.</summary>
    public static bool Holds(AccountState account, AttributeKind kind, ulong key)
    {
        var (start, length, _) = Range(kind);
        for (var i = start; i < start + length; i++)
        {
            if (account.Links[i] is { } held && held.Key == key && held.Kind == kind)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Puts the attribute in the account's ring, replacing the oldest entry when full; returns the entry replaced. The
    /// slot's bits say whether the attribute counts the account as an education holder, and whether an education
    /// network rather than its sign-up channel made it one (<see cref="AccountState.EducationMask"/>).
    /// </summary>
    public static AttributeStats? Hold(AccountState account, AttributeStats attribute, bool education, bool educationNetwork)
    {
        var (start, length, ring) = Range(attribute.Kind);
        var slot = start;
        if (ring >= 0)
        {
            var shift = ring * 4;
            var next = (account.LinkNext >> shift) & 0xf;
            slot = start + next;
            account.LinkNext = (account.LinkNext & ~(0xf << shift)) | (((next + 1) % length) << shift);
        }

        var evicted = account.Links[slot];
        account.Links[slot] = attribute;
        attribute.HeldBy++;
        var bit = (ushort)(1 << slot);
        account.ForeignLinkMask = Set(account.ForeignLinkMask, bit, !ReferenceEquals(attribute.Anchor, account));
        account.EducationMask = Set(account.EducationMask, bit, education);
        account.EducationNetworkMask = Set(account.EducationNetworkMask, bit, educationNetwork);
        if (evicted is not null)
        {
            evicted.HeldBy--;
        }

        return evicted;
    }

    /// <summary>Empties a slot (an account record naming another card or domain); the attribute loses the holder.</summary>
    public static void Release(AccountState account, int slot)
    {
        if (account.Links[slot] is { } held)
        {
            held.HeldBy--;
            account.Links[slot] = null;
            var bit = (ushort)(1 << slot);
            account.ForeignLinkMask = Set(account.ForeignLinkMask, bit, false);
            account.EducationMask = Set(account.EducationMask, bit, false);
            account.EducationNetworkMask = Set(account.EducationNetworkMask, bit, false);
        }
    }

    private static ushort Set(ushort mask, ushort bit, bool on) => on ? (ushort)(mask | bit) : (ushort)(mask & ~bit);
}
