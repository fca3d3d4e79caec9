using System.Net;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Features.TlsFingerprint;

public sealed class TlsFingerprintTests
{
    private const string Ja4Pattern = "^t13d[0-9]{4}[0-9a-z]{2}_[0-9a-f]{12}_[0-9a-f]{12}$";

    [Fact]
    public async Task HandleAsync_OverHttps_LogsTheClientsJa4_TheSameOnEveryConnection_OverHttp1AndHttp2()
    {
        await using var fixture = await GatewayFixture.StartAsync(TestCertificates.ServeHttps);
        var key = await fixture.CreateKeyAsync("acct_tls");
        var ct = TestContext.Current.CancellationToken;

        // Two clients, so two connections and two full handshakes (a resumed one offers a pre-shared key, an extra
        // extension, and so has a fingerprint of its own); "localhost" so the hello names a host (SNI).
        var gateway = new Uri($"https://localhost:{new Uri(fixture.BaseUrl).Port}");
        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 2; i++)
        {
            var handler = GatewayFixture.TrustingHandler();
            handler.SslOptions.AllowTlsResume = false;
            using var client = new HttpClient(handler) { BaseAddress = gateway };
            using var response = await client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), ct);
            statuses.Add(response.StatusCode);
        }

        // HTTP/2 (negotiated by ALPN, which the fingerprint records) carries the connection's fingerprint as well.
        var http2Handler = GatewayFixture.TrustingHandler();
        http2Handler.SslOptions.AllowTlsResume = false;
        using (var http2 = new HttpClient(http2Handler) { BaseAddress = gateway })
        {
            using var request = GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic());
            request.Version = HttpVersion.Version20;
            request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
            request.Headers.UserAgent.Clear();
            request.Headers.UserAgent.ParseAdd("http2-client/1.0");
            using var response = await http2.SendAsync(request, ct);
            statuses.Add(response.StatusCode);
            Assert.Equal(HttpVersion.Version20, response.Version);
        }

        await fixture.StopGatewayAsync();

        Assert.All(statuses, static s => Assert.Equal(HttpStatusCode.OK, s));
        var log = fixture.ReadLog();
        var fingerprints = log.Where(static r => r.GetProperty("user_agent").GetString() != "http2-client/1.0").Select(static r => r.GetProperty("tls_fingerprint").GetString()).ToList();
        Assert.Equal(2, fingerprints.Count);
        Assert.Matches(Ja4Pattern, fingerprints[0]);
        Assert.Equal(fingerprints[0], fingerprints[1]);
        var overHttp2 = log.Single(static r => r.GetProperty("user_agent").GetString() == "http2-client/1.0").GetProperty("tls_fingerprint").GetString();
        Assert.Matches(Ja4Pattern, overHttp2);
        Assert.Equal("h2", overHttp2![8..10]);
    }

    [Fact]
    public async Task HandleAsync_TrustedProxyStatesTheFingerprint_Logged_UntrustedPeer_Ignored()
    {
        const string Stated = "t13d1516h2_8daaf6152771_d8a2da3f94cd";
        foreach (var trusted in new[] { true, false })
        {
            await using var fixture = await GatewayFixture.StartAsync(s =>
            {
                if (trusted)
                {
                    s["Gateway:TrustedProxies:0"] = "127.0.0.1";
                }
            });
            var key = await fixture.CreateKeyAsync("acct_edge");
            using var request = GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic());
            request.Headers.Add("X-Client-Tls-Fingerprint", Stated);

            using var response = await fixture.Client.SendAsync(request, TestContext.Current.CancellationToken);
            await fixture.StopGatewayAsync();

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var record = Assert.Single(fixture.ReadLog());
            if (trusted)
            {
                Assert.Equal(Stated, record.GetProperty("tls_fingerprint").GetString());
            }
            else
            {
                // Over plain HTTP from an untrusted peer there is no fingerprint to log, and a stated one is not believed.
                Assert.False(record.TryGetProperty("tls_fingerprint", out var value) && value.ValueKind == System.Text.Json.JsonValueKind.String, "an untrusted peer's fingerprint header was believed");
            }
        }
    }

    [Fact]
    public async Task Start_UnreadableCertificate_FailsNamingTheFile()
    {
        var root = Directory.CreateTempSubdirectory("dg-tls-bad-").FullName;
        var certificate = Path.Combine(root, "broken.pfx");
        await File.WriteAllTextAsync(certificate, "not a certificate", TestContext.Current.CancellationToken);
        var settings = new GatewayHostSettings();
        settings.Urls.Add("https://127.0.0.1:0");
        settings.Overrides["Gateway:AdminToken"] = GatewayFixture.AdminToken;
        settings.Overrides["Gateway:Store:Path"] = Path.Combine(root, "gateway.db");
        settings.Overrides["Gateway:Store:KeyPepper"] = "pepper-for-tests-0123456789";
        settings.Overrides["Gateway:Log:Directory"] = Path.Combine(root, "logs");
        settings.Overrides["Gateway:Upstreams:0:Name"] = "a";
        settings.Overrides["Gateway:Upstreams:0:Api"] = "anthropic.messages";
        settings.Overrides["Gateway:Upstreams:0:BaseUrl"] = "http://127.0.0.1:9";
        settings.Overrides["Gateway:Upstreams:0:Models:0"] = "m";
        settings.Overrides["Gateway:Tls:CertificatePath"] = certificate;

        // Kestrel reads its options, and so the certificate, while the host is built or started; either way it fails.
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            await using var app = GatewayHost.Build(settings);
            await app.StartAsync(TestContext.Current.CancellationToken);
        });

        Assert.Contains($"Gateway:Tls:CertificatePath: cannot load the certificate '{certificate}'", error.Message, StringComparison.Ordinal);
    }
}
