namespace DistillGuard.Core.Engine;

/// <summary>
/// Traffic that reads as people working, not as a harvest: over at least <see cref="MinExchanges"/> exchanges, most
/// continue a conversation, few follow a template, next to none come from hosting networks, and all come from one
/// country through at most <see cref="MaxAsns"/> networks. Coordination alone (a shared card, a sign-up domain, a
/// creation burst) does not enforce on such an account: <see cref="RiskModel.Member"/> holds its risk under the throttle
/// threshold, so it is put up for review and served (unless <see cref="DetectionOptions.HoldConversationalUse"/> is
/// off). A startup team whose self-serve accounts all pay with the company card links exactly like a small operator;
/// what tells them apart is what each account sends and from where. Harvesting wants single-turn answers at volume
/// through rotating exits, the opposite on every count, so an operator that mimics all of it pays in yield; and an
/// intel match, an inherited ban or an override still enforces.
/// </summary>
internal static class ConversationalUse
{
    /// <summary>Fewer exchanges than this are too few to judge the shares by (a share of 0.5 then sits 2 standard errors from a harvest's 0.7).</summary>
    public const int MinExchanges = 20;

    public const double MaxSingleTurn = 0.5;

    public const double MaxTemplated = 0.3;

    public const double MaxHosting = 0.1;

    /// <summary>An office and a home connection; residential proxy exits span many more.</summary>
    public const int MaxAsns = 2;

    /// <summary>Whether the options hold accounts at review for it and this account's traffic shows it.</summary>
    public static bool Holds(AccountState account, DetectionOptions options) => options.HoldConversationalUse && Shows(account);

    /// <summary>Whether the account's own traffic, as last scored, shows conversational use.</summary>
    private static bool Shows(AccountState account) => account.Exchanges >= MinExchanges && Reads(account);

    /// <summary>
    /// Whether the shares and networks of what the account has sent so far read as conversational use, however few its
    /// exchanges: too weak to hold its risk on, enough to tell whether it is evidence of a harvest at all.
    /// </summary>
    public static bool Reads(AccountState account)
    {
        var s = account.Score;
        return s.SingleTurn <= MaxSingleTurn && s.Templated <= MaxTemplated
            && s.Hosting <= MaxHosting && account.Asns.Seen <= MaxAsns && account.Countries.Seen <= 1;
    }

    /// <summary>
    /// The highest risk such an account may reach on its own evidence: just under <paramref name="throttleRisk"/>, never
    /// under <paramref name="reviewRisk"/> (where the two thresholds meet there is no review to hold it at).
    /// </summary>
    public static double Hold(double reviewRisk, double throttleRisk) => Math.Max(reviewRisk, throttleRisk - 0.01);
}
