using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Dashboard;

/// <summary>
/// Signs a browser in with the admin token and keeps it signed in with an HttpOnly, SameSite=Strict cookie
/// holding an expiry and its HMAC. The key derives from the admin token, so rotating the token ends every
/// session; the token itself never goes back to the browser.
/// </summary>
internal sealed class DashboardSession
{
    public const string CookieName = "dg_dashboard";
    public const string CookiePath = "/dashboard";

    private readonly byte[] _token;
    private readonly byte[] _key;
    private readonly TimeSpan _lifetime;
    private readonly TimeProvider _time;

    public DashboardSession(IOptions<GatewayOptions> gateway, IOptions<DashboardOptions> dashboard, TimeProvider time)
    {
        _token = Encoding.UTF8.GetBytes(gateway.Value.AdminToken);
        _key = SHA256.HashData(Encoding.UTF8.GetBytes("distillguard.dashboard.session/v1\n" + gateway.Value.AdminToken));
        _lifetime = TimeSpan.FromHours(dashboard.Value.SessionHours);
        _time = time;
    }

    /// <summary>Constant-time check of a token typed into the sign-in form.</summary>
    public bool IsAdminToken(string? presented) =>
        !string.IsNullOrEmpty(presented) && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), _token);

    public void SignIn(HttpContext context)
    {
        var expires = _time.GetUtcNow() + _lifetime;
        var payload = expires.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        context.Response.Cookies.Append(CookieName, payload + "." + Sign(payload), new CookieOptions
        {
            HttpOnly = true,
            Secure = context.Request.IsHttps,
            SameSite = SameSiteMode.Strict,
            Path = CookiePath,
            Expires = expires,
            IsEssential = true,
        });
    }

    public static void SignOut(HttpContext context) =>
        context.Response.Cookies.Delete(CookieName, new CookieOptions { Path = CookiePath, HttpOnly = true, SameSite = SameSiteMode.Strict });

    public bool IsSignedIn(HttpRequest request)
    {
        var cookie = request.Cookies[CookieName];
        var dot = cookie?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (cookie is null || dot <= 0)
        {
            return false;
        }

        var payload = cookie[..dot];
        var expected = Encoding.ASCII.GetBytes(Sign(payload));
        var presented = Encoding.ASCII.GetBytes(cookie[(dot + 1)..]);
        return CryptographicOperations.FixedTimeEquals(expected, presented)
            && long.TryParse(payload, NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            && _time.GetUtcNow().ToUnixTimeSeconds() < expires;
    }

    private string Sign(string payload) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.ASCII.GetBytes(payload)))
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
