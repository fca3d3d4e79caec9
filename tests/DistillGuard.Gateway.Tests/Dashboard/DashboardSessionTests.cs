using DistillGuard.Gateway.Features.Dashboard;
using DistillGuard.Gateway.Options;
using Microsoft.AspNetCore.Http;

namespace DistillGuard.Gateway.Tests.Dashboard;

public sealed class DashboardSessionTests
{
    private const string Token = "session-test-admin-token-0123456789";

    [Fact]
    public void IsSignedIn_FreshCookie_True()
    {
        var (session, _) = Create();

        Assert.True(session.IsSignedIn(RequestWith(SignIn(session))));
    }

    [Fact]
    public void IsSignedIn_AfterLifetime_False()
    {
        var (session, time) = Create(sessionHours: 1);
        var cookie = SignIn(session);

        time.Advance(TimeSpan.FromMinutes(61));

        Assert.False(session.IsSignedIn(RequestWith(cookie)));
    }

    [Fact]
    public void IsSignedIn_ExpiryEdited_False()
    {
        var (session, _) = Create();
        var cookie = SignIn(session);
        var dot = cookie.IndexOf('.', StringComparison.Ordinal);

        var extended = (long.Parse(cookie[..dot], System.Globalization.CultureInfo.InvariantCulture) + 86400) + cookie[dot..];

        Assert.False(session.IsSignedIn(RequestWith(extended)));
    }

    [Fact]
    public void IsSignedIn_CookieFromOtherAdminToken_False()
    {
        var (session, _) = Create();
        var (other, _) = Create(token: "another-admin-token-9876543210xyz");

        Assert.False(session.IsSignedIn(RequestWith(SignIn(other))));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("session-test-admin-token-012345678")]
    [InlineData("session-test-admin-token-01234567890")]
    public void IsAdminToken_AnythingButTheToken_False(string? presented)
    {
        var (session, _) = Create();

        Assert.False(session.IsAdminToken(presented));
        Assert.True(session.IsAdminToken(Token));
    }

    private static (DashboardSession Session, ManualTime Time) Create(double sessionHours = 12, string token = Token)
    {
        var time = new ManualTime(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        var session = new DashboardSession(
            Microsoft.Extensions.Options.Options.Create(new GatewayOptions { AdminToken = token }),
            Microsoft.Extensions.Options.Options.Create(new DashboardOptions { SessionHours = sessionHours }),
            time);
        return (session, time);
    }

    private static string SignIn(DashboardSession session)
    {
        var context = new DefaultHttpContext();
        session.SignIn(context);
        var header = context.Response.Headers.SetCookie.ToString();
        return header[(DashboardSession.CookieName.Length + 1)..header.IndexOf(';', StringComparison.Ordinal)];
    }

    private static HttpRequest RequestWith(string cookie)
    {
        var context = new DefaultHttpContext();
        context.Request.Headers.Cookie = DashboardSession.CookieName + "=" + cookie;
        return context.Request;
    }

    private sealed class ManualTime(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
