using DistillGuard.Core.Log;

namespace DistillGuard.Core.Engine;

/// <summary>
/// How strongly sharing an attribute links two accounts: a base per kind, times an IDF-like rarity (an attribute
/// common to a large honest population — a popular client library, a big ISP block — links weakly), times the
/// share of holders not explained by one organisation or an education network.
/// </summary>
internal static class LinkModel
{
    /// <summary>Edges at or above this weight join accounts into one candidate campaign.</summary>
    public const double LinkThreshold = 0.3;

    /// <summary>
    /// A link that joined accounts at the last clustering keeps joining them down to this weight. Measured on the
    /// simulated scenarios (docs/detection.md, "Lapses"): a margin of 0.02 kept every honest account unflagged, 0.03
    /// and 0.05 put an honest app backend up for review.
    /// </summary>
    public const double KeepThreshold = LinkThreshold - 0.02;

    /// <summary>An unexplained shared e-mail domain's weight: below a payment instrument's, above the threshold.</summary>
    public const double EmailDomainBase = 0.6;

    public static double Weight(AttributeStats attribute, int population)
    {
        var holders = attribute.Accounts;
        if (holders < 2)
        {
            return 0;
        }

        var unexplained = 1 - attribute.ExplainedShare;
        if (attribute.Kind == AttributeKind.Payment)
        {
            // A card or bank account is personal: sharing it is rare however popular, unless one org explains it. Two
            // holders are most often a family or someone's second account; an operator spreads a card over more.
            return unexplained * Math.Min(1, (holders - 1) / 3.0);
        }

        if (attribute.Kind == AttributeKind.EmailDomain)
        {
            // Public mail providers never get here (EmailDomains): what is left is an organisation's own domain, which
            // its org_id explains, or one an operator registered for its accounts. Its popularity says nothing.
            return EmailDomainBase * unexplained;
        }

        var n = Math.Max(population, 50);
        var rarity = Math.Clamp(Math.Log((double)n / holders) / Math.Log(n / 2.0), 0, 1);
        var kindBase = attribute.Kind switch
        {
            AttributeKind.IpBlock => attribute.AsnType switch
            {
                AsnType.Hosting or AsnType.Proxy or AsnType.Vpn => 1.0,
                AsnType.Isp => 0.7,
                AsnType.Business => 0.5,
                AsnType.Education => 0.2,
                _ => 0.8,
            },
            AttributeKind.ClientFingerprint => 0.6,
            _ => 0.7,
        };
        return kindBase * rarity * unexplained;
    }

    public static string EdgeKind(AttributeKind kind) => kind switch
    {
        AttributeKind.Payment => "payment",
        AttributeKind.IpBlock => "ip_block",
        AttributeKind.ClientFingerprint => "client_fingerprint",
        AttributeKind.EmailDomain => "email_domain",
        _ => "template",
    };
}
