namespace DistillGuard.Core.Engine;

/// <summary>
/// Which e-mail domains can link accounts. Sharing a public mail provider says nothing, and neither does sharing a
/// university's domain (students sign up one by one through their own school). What remains is an organisation's own
/// domain, which its <c>org_id</c> explains when the accounts file names one, or a domain an operator registered for
/// its sign-ups. Public for the intel importer, which matches peers' domain indicators by the same rule.
/// </summary>
public static class EmailDomains
{
    // Consumer mail providers (free or paid) whose users have nothing else in common.
    private static readonly HashSet<string> Public = new(StringComparer.Ordinal)
    {
        "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "hotmail.co.uk", "hotmail.fr", "live.com", "msn.com",
        "yahoo.com", "yahoo.co.jp", "yahoo.co.uk", "yahoo.fr", "yahoo.de", "ymail.com", "icloud.com", "me.com", "mac.com",
        "aol.com", "proton.me", "protonmail.com", "pm.me", "tutanota.com", "tuta.io", "fastmail.com", "hey.com",
        "zoho.com", "gmx.de", "gmx.net", "gmx.com", "web.de", "t-online.de", "mail.com", "orange.fr", "free.fr",
        "laposte.net", "libero.it", "naver.com", "daum.net", "hanmail.net", "qq.com", "163.com", "126.com", "sina.com",
        "yeah.net", "foxmail.com", "mail.ru", "yandex.ru", "yandex.com", "rediffmail.com", "uol.com.br", "bol.com.br",
        "comcast.net", "verizon.net", "att.net",
    };

    /// <summary>The domain in lower case when it can link accounts; null for none, a public provider or a school.</summary>
    public static string? Linkable(string? domain)
    {
        if (string.IsNullOrWhiteSpace(domain))
        {
            return null;
        }

        var d = domain.Trim().TrimEnd('.').ToLowerInvariant();
        return Public.Contains(d) || IsAcademic(d) ? null : d;
    }

    // .edu, .edu.au, .ac.uk, .ac.jp …: a school's domain, whatever the channel its students signed up through.
    private static bool IsAcademic(string d) =>
        d.EndsWith(".edu", StringComparison.Ordinal) || d.Contains(".edu.", StringComparison.Ordinal)
        || d.Contains(".ac.", StringComparison.Ordinal);
}
