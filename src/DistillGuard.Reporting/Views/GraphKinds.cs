namespace DistillGuard.Reporting.Views;

/// <summary>The attributes that link two accounts in a campaign graph (edge <c>kind</c> in the findings).</summary>
internal static class GraphKinds
{
    /// <summary>In legend order: the strongest, hardest-to-fake links first. Colours live in report.css (<c>--dg-kind-*</c>).</summary>
    public static readonly string[] All =
        ["payment", "ip_block", "template", "email_domain", "client_fingerprint", "creation_burst", "timing", "intel"];

    public static string Label(string kind) => kind switch
    {
        "payment" => "shared payment instrument",
        "ip_block" => "same IP block",
        "template" => "same prompt templates",
        "email_domain" => "same sign-up e-mail domain",
        "client_fingerprint" => "same client fingerprint",
        "creation_burst" => "created in one burst",
        "timing" => "synchronised timing",
        "intel" => "peer intel indicator",
        _ => kind.Replace('_', ' '),
    };

    /// <summary>Unknown kinds from a newer engine render as <c>other</c> rather than breaking the legend.</summary>
    public static string Normalise(string kind) => Array.IndexOf(All, kind) >= 0 ? kind : "other";
}
