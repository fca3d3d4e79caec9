using System.Net;
using System.Text.Json;
using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Tests.Infrastructure;

namespace DistillGuard.Gateway.Tests.Features.Reload;

/// <summary>
/// Reloading the configuration file while the gateway runs (<c>POST /admin/config/reload</c>; SIGHUP is the same call,
/// tested on the verb's process in the CLI's tests): policy changes take effect on the next request (the engine's
/// thresholds at its next tick), a bad file is
/// rejected with the settings in force kept, and settings read only at start are reported as needing a restart.
/// </summary>
public sealed class ConfigReloadTests
{
    // The test client connects from 127.0.0.1, which the config's IP table places in "ZZ".
    private const string IpTable = """ "IpTable": [ { "Cidr": "127.0.0.1/32", "Country": "ZZ" } ] """;

    [Fact]
    public async Task Reload_CountryDeniedThenBadFiles_AppliedAtOnceThenRejectedKeepingIt()
    {
        using var dir = new TempDir();
        var config = dir.Write("gateway.json", $$"""{ "Gateway": { "Region": { {{IpTable}} } } }""");
        await using var fixture = await GatewayFixture.StartAsync(configPath: config);
        var key = await fixture.CreateKeyAsync("acct_reload");
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(HttpStatusCode.OK, await SendAsync(fixture, key));

        dir.Write("gateway.json", $$"""{ "Gateway": { "MaxRequestBodyBytes": 2000000, "Region": { "DenyCountries": ["ZZ"], {{IpTable}} } } }""");
        var (applied, appliedBody) = await ReloadAsync(fixture);

        Assert.Equal(HttpStatusCode.OK, applied);
        Assert.Equal("applied", appliedBody.GetProperty("status").GetString());
        Assert.Equal(["Gateway:Region:DenyCountries:0"], Strings(appliedBody, "changed"));
        Assert.Equal(["Gateway:MaxRequestBodyBytes"], Strings(appliedBody, "need_restart"));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(fixture, key));

        // Half a file, as an editor's save can be seen: rejected naming file and line, the deny-list stays.
        dir.Write("gateway.json", """{ "Gateway": { "Region": { "DenyCountries": [""");
        var (cut, cutBody) = await ReloadAsync(fixture);

        Assert.Equal(HttpStatusCode.BadRequest, cut);
        Assert.Equal("rejected", cutBody.GetProperty("status").GetString());
        var cutError = Assert.Single(Strings(cutBody, "errors"));
        Assert.StartsWith($"{config}: line 1, byte ", cutError, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(fixture, key));

        // Whole JSON, a value that fails validation: rejected naming the setting, the deny-list stays.
        dir.Write("gateway.json", $$"""{ "Gateway": { "Region": { "DenyCountries": ["ZZZ"], {{IpTable}} } } }""");
        var (invalid, invalidBody) = await ReloadAsync(fixture);

        Assert.Equal(HttpStatusCode.BadRequest, invalid);
        Assert.Equal(["Gateway:Region:DenyCountries:0: 'ZZZ' is not an ISO 3166-1 alpha-2 code (such as SG)"], Strings(invalidBody, "errors"));
        Assert.Equal(HttpStatusCode.Forbidden, await SendAsync(fixture, key));

        // The IP table now places the client elsewhere; compared with what was last applied, not the rejected files.
        dir.Write("gateway.json", """{ "Gateway": { "MaxRequestBodyBytes": 2000000, "Region": { "DenyCountries": ["ZZ"], "IpTable": [ { "Cidr": "127.0.0.1/32", "Country": "YY" } ] } } }""");
        var (lifted, liftedBody) = await ReloadAsync(fixture);

        Assert.Equal(HttpStatusCode.OK, lifted);
        Assert.Equal(["Gateway:Region:IpTable:0:Country"], Strings(liftedBody, "changed"));
        Assert.Empty(Strings(liftedBody, "need_restart"));
        Assert.Equal(HttpStatusCode.OK, await SendAsync(fixture, key));
        var metrics = await fixture.Client.GetStringAsync("/metrics", ct);
        Assert.Contains("distillguard_gateway_config_reloads_total{result=\"applied\"} 2\n", metrics, StringComparison.Ordinal);
        Assert.Contains("distillguard_gateway_config_reloads_total{result=\"rejected\"} 2\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reload_CountermeasuresAndThrottleRateChanged_TakeEffectOnTheNextRequest()
    {
        using var dir = new TempDir();
        var config = dir.Write("gateway.json", """{ "Gateway": { "Countermeasures": { "Review": { "Reasoning": "Keep" } } } }""");
        await using var fixture = await GatewayFixture.StartAsync(configPath: config);
        var reviewed = await fixture.CreateKeyAsync("acct_reviewed");
        await fixture.SetOverrideAsync("acct_reviewed", "review");
        var throttled = await fixture.CreateKeyAsync("acct_throttled");
        await fixture.SetOverrideAsync("acct_throttled", "throttle");

        var before = await AnswerAsync(fixture, reviewed);
        dir.Write("gateway.json", """{ "Gateway": { "Countermeasures": { "Review": { "Reasoning": "Drop" } }, "Policy": { "ThrottleBurst": 1 } } }""");
        var (status, body) = await ReloadAsync(fixture);
        var after = await AnswerAsync(fixture, reviewed);
        var first = await SendAsync(fixture, throttled);
        var second = await SendAsync(fixture, throttled);

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["Gateway:Countermeasures:Review:Reasoning", "Gateway:Policy:ThrottleBurst"], Strings(body, "changed"));
        Assert.Contains("\"thinking\"", before, StringComparison.Ordinal);
        Assert.DoesNotContain("\"thinking\"", after, StringComparison.Ordinal);
        // A burst of one: the second request in a row is turned away (the default burst of 2 would let it through).
        Assert.Equal(HttpStatusCode.OK, first);
        Assert.Equal((HttpStatusCode)429, second);
    }

    [Fact]
    public async Task Reload_VerdictThresholdsChanged_InForceInTheLiveEngineThenOutOfOrderRejected()
    {
        using var dir = new TempDir();
        var config = dir.Write("gateway.json", """{ "Gateway": { "Policy": { "ThrottleBurst": 3 } } }""");
        await using var fixture = await GatewayFixture.StartAsync(configPath: config);
        var engine = fixture.Service<DetectionEngine>();
        var ct = TestContext.Current.CancellationToken;
        var metricsBefore = await fixture.Client.GetStringAsync("/metrics", ct);

        dir.Write("gateway.json", """{ "Gateway": { "Policy": { "ThrottleBurst": 3, "ThrottleRisk": 0.6, "BlockRisk": 0.8, "HoldConversationalUse": false, "PaymentBanEvasion": false, "SignupDomainBanEvasion": false } } }""");
        var (status, body) = await ReloadAsync(fixture);
        var metricsAfter = await fixture.Client.GetStringAsync("/metrics", ct);

        // In force when the reload answers: the engine took the thresholds in its turn (its next tick re-decides).
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(["Gateway:Policy:BlockRisk", "Gateway:Policy:HoldConversationalUse", "Gateway:Policy:PaymentBanEvasion", "Gateway:Policy:SignupDomainBanEvasion", "Gateway:Policy:ThrottleRisk"], Strings(body, "changed"));
        Assert.Empty(Strings(body, "need_restart"));
        Assert.Equal((0.5, 0.6, 0.8, false), (engine.Options.ReviewRisk, engine.Options.ThrottleRisk, engine.Options.BlockRisk, engine.Options.HoldConversationalUse));
        Assert.False(engine.Options.PaymentBanEvasion);
        Assert.False(engine.Options.SignupDomainBanEvasion);
        Assert.Contains("distillguard_gateway_engine_risk_threshold{verdict=\"throttle\"} 0.75\n", metricsBefore, StringComparison.Ordinal);
        Assert.Contains("distillguard_gateway_engine_risk_threshold{verdict=\"throttle\"} 0.6\n", metricsAfter, StringComparison.Ordinal);
        Assert.Contains("distillguard_gateway_engine_risk_threshold{verdict=\"block\"} 0.8\n", metricsAfter, StringComparison.Ordinal);

        dir.Write("gateway.json", """{ "Gateway": { "Policy": { "ReviewRisk": 0.7, "ThrottleRisk": 0.6, "BlockRisk": 0.8 } } }""");
        var (rejected, rejectedBody) = await ReloadAsync(fixture);

        Assert.Equal(HttpStatusCode.BadRequest, rejected);
        Assert.Equal(["Gateway:Policy: 0 < ReviewRisk <= ThrottleRisk <= BlockRisk must hold"], Strings(rejectedBody, "errors"));
        Assert.Equal((0.5, 0.6, 0.8, false), (engine.Options.ReviewRisk, engine.Options.ThrottleRisk, engine.Options.BlockRisk, engine.Options.HoldConversationalUse));
    }

    [Fact]
    public async Task Reload_RiskModelNamedThenRewrittenInPlaceThenBroken_EachRefitInForceTheBrokenOneRejected()
    {
        using var dir = new TempDir();
        var config = dir.Write("gateway.json", """{ "Gateway": { "Policy": { "ThrottleBurst": 3 } } }""");
        await using var fixture = await GatewayFixture.StartAsync(configPath: config);
        var engine = fixture.Service<DetectionEngine>();
        var model = dir.Write("risk-model.json", """{ "format": "distillguard.risk-model/v1", "coefficients": { "w_payment": 3.1 } }""");

        dir.Write("gateway.json", $$"""{ "Gateway": { "Policy": { "ThrottleBurst": 3, "RiskModel": {{JsonSerializer.Serialize(model)}} } } }""");
        var (named, namedBody) = await ReloadAsync(fixture);

        Assert.Equal(HttpStatusCode.OK, named);
        Assert.Equal(["Gateway:Policy:RiskModel"], Strings(namedBody, "changed"));
        Assert.Equal(3.1, engine.Options.RiskModel[RiskTerm.Payment]);

        // calibrate writes its refit over the file: the same setting, a new model.
        dir.Write("risk-model.json", """{ "format": "distillguard.risk-model/v1", "coefficients": { "w_payment": 4.2 } }""");
        var (rewritten, rewrittenBody) = await ReloadAsync(fixture);

        Assert.Equal(HttpStatusCode.OK, rewritten);
        Assert.Equal(["Gateway:Policy:RiskModel"], Strings(rewrittenBody, "changed"));
        Assert.Equal(4.2, engine.Options.RiskModel[RiskTerm.Payment]);
        var metrics = await fixture.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains($"distillguard_gateway_engine_risk_model_info{{fingerprint=\"{engine.Options.RiskModel.Fingerprint}\",builtin=\"false\"}} 1\n", metrics, StringComparison.Ordinal);

        dir.Write("risk-model.json", """{ "format": "distillguard.risk-model/v1", "coefficients": { "w_payment": "high" } }""");
        var (broken, brokenBody) = await ReloadAsync(fixture);

        Assert.Equal(HttpStatusCode.BadRequest, broken);
        Assert.Contains(Strings(brokenBody, "errors"), e => e.StartsWith("Gateway:Policy:RiskModel", StringComparison.Ordinal) && e.Contains(model, StringComparison.Ordinal));
        Assert.Equal(4.2, engine.Options.RiskModel[RiskTerm.Payment]);
    }

    [Fact]
    public async Task Reload_WithoutTheAdminToken_401AndNothingReloaded()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Client.PostAsync("/admin/config/reload", null, ct);
        var metrics = await fixture.Client.GetStringAsync("/metrics", ct);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("distillguard_gateway_config_reloads_total{result=\"applied\"} 0\n", metrics, StringComparison.Ordinal);
    }

    private static async Task<HttpStatusCode> SendAsync(GatewayFixture fixture, string key)
    {
        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), TestContext.Current.CancellationToken);
        return response.StatusCode;
    }

    private static async Task<string> AnswerAsync(GatewayFixture fixture, string key)
    {
        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(think: true)), TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> ReloadAsync(GatewayFixture fixture)
    {
        using var response = await fixture.Client.SendAsync(fixture.Admin(HttpMethod.Post, "/admin/config/reload"), TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.True(text.Length > 0, $"status {(int)response.StatusCode}, empty body");
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone());
    }

    private static List<string> Strings(JsonElement body, string property) =>
        [.. body.GetProperty(property).EnumerateArray().Select(static e => e.GetString()!)];

    private sealed class TempDir : IDisposable
    {
        private readonly string _path = Directory.CreateTempSubdirectory("dg-reload-").FullName;

        public string Write(string name, string text)
        {
            var path = Path.Combine(_path, name);
            File.WriteAllText(path, text);
            return path;
        }

        public void Dispose() => Directory.Delete(_path, recursive: true);
    }
}
