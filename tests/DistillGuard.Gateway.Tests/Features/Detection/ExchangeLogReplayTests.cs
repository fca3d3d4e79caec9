using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DistillGuard.Gateway.Tests.Features.Detection;

/// <summary>
/// The replay of the exchange log at start (the verdicts it restores are checked end to end in CampaignReplayTests):
/// what it reads, what it skips, and that it can be switched off.
/// </summary>
public sealed class ExchangeLogReplayTests
{
    private const int Requests = 5;

    [Fact]
    public async Task Restart_LogWithACutLastLine_ReplaysEveryWholeRecordAndServes()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await SendAsync(fixture);
        await fixture.StopGatewayAsync();
        // A crash mid-write leaves half a record at the end of the last file; accounts.jsonl beside it is no exchange.
        var file = Directory.GetFiles(fixture.LogDirectory, "exchanges-*.jsonl").Single();
        await File.AppendAllTextAsync(file, "{\"request_id\":\"cut\",\"timestamp\":\"2026-", TestContext.Current.CancellationToken);
        Assert.True(File.Exists(Path.Combine(fixture.LogDirectory, "accounts.jsonl")));

        await fixture.StartGatewayAsync();

        Assert.Equal(Requests, await ObservedAsync(fixture));
        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic()), TestContext.Current.CancellationToken);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Restart_ReplayOff_EngineStartsEmpty()
    {
        await using var fixture = await GatewayFixture.StartAsync(s => s["Gateway:Log:ReplayOnStart"] = "false");
        await SendAsync(fixture);
        await fixture.WaitForEngineAsync(Requests);
        await fixture.StopGatewayAsync();

        await fixture.StartGatewayAsync();

        Assert.Equal(0, await ObservedAsync(fixture));
    }

    [Fact]
    public async Task Restart_TwoRuns_ReplaysTheFilesOfBoth()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await SendAsync(fixture);
        await fixture.StopGatewayAsync();
        await fixture.StartGatewayAsync();
        await SendAsync(fixture, key);
        await fixture.StopGatewayAsync();

        await fixture.StartGatewayAsync();

        Assert.Equal(2 * Requests, await ObservedAsync(fixture));
    }

    [Fact]
    public async Task Restart_AnHourAfterTheLastExchange_ReplayedUpToNowSoNothingWaitsInTheBuffer()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var fixture = await GatewayFixture.StartAsync(services: s => s.AddSingleton<TimeProvider>(clock));
        await SendAsync(fixture);
        await fixture.StopGatewayAsync();
        clock.Set(clock.GetUtcNow().AddHours(1));

        await fixture.StartGatewayAsync();

        // Without the move to now, the five would wait out the reorder tolerance until the engine clock's next beat.
        var (observed, buffered) = await fixture.Service<ExchangeLogPipeline>().RunOnEngineAsync(static e => (e.ObservedExchanges, e.BufferedExchanges), TestContext.Current.CancellationToken);
        Assert.Equal(Requests, observed);
        Assert.Equal(0, buffered);

        // The replay evaluated them; its evaluations are no measure of the live log consumer's, so none is counted.
        var metrics = await fixture.Client.GetStringAsync("/metrics", TestContext.Current.CancellationToken);
        Assert.Contains("distillguard_gateway_engine_evaluation_duration_seconds_count{kind=\"tick\"} 0\n", metrics, StringComparison.Ordinal);
        Assert.Contains("distillguard_gateway_engine_evaluation_duration_seconds_count{kind=\"recluster\"} 0\n", metrics, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Restart_ReplayWindow_LeavesOutFilesLastWrittenBeforeIt()
    {
        var clock = new ManualTimeProvider(new DateTimeOffset(2026, 5, 1, 12, 0, 0, TimeSpan.Zero));
        await using var fixture = await GatewayFixture.StartAsync(
            s => s["Gateway:Log:ReplayWindow"] = "1.00:00:00",
            services: s => s.AddSingleton<TimeProvider>(clock));
        var key = await SendAsync(fixture);
        await fixture.StopGatewayAsync();
        var old = Directory.GetFiles(fixture.LogDirectory, "exchanges-*.jsonl").Single();
        clock.Set(clock.GetUtcNow().AddDays(3));
        await fixture.StartGatewayAsync();
        await SendAsync(fixture, key);
        await SendAsync(fixture, key);
        await fixture.StopGatewayAsync();
        var recent = Directory.GetFiles(fixture.LogDirectory, "exchanges-*.jsonl").Single(f => f != old);
        // Modification times as the two runs would have left them on the manual clock: three days, and an hour, ago.
        File.SetLastWriteTimeUtc(old, clock.GetUtcNow().UtcDateTime.AddDays(-3));
        File.SetLastWriteTimeUtc(recent, clock.GetUtcNow().UtcDateTime.AddHours(-1));

        await fixture.StartGatewayAsync();

        Assert.Equal(2 * Requests, await ObservedAsync(fixture));
    }

    /// <summary>Sends <see cref="Requests"/> Messages calls (with a new key unless one is given); returns the key.</summary>
    private static async Task<string> SendAsync(GatewayFixture fixture, string? key = null)
    {
        key ??= await fixture.CreateKeyAsync("acct_replay");
        for (var i = 0; i < Requests; i++)
        {
            using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(prompt: $"Question {i}")), TestContext.Current.CancellationToken);
            response.EnsureSuccessStatusCode();
        }

        return key;
    }

    private static Task<long> ObservedAsync(GatewayFixture fixture) =>
        fixture.Service<ExchangeLogPipeline>().RunOnEngineAsync(static e => e.ObservedExchanges, TestContext.Current.CancellationToken);
}
