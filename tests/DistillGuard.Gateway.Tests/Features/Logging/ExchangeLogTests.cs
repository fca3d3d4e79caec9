using System.Text.Json;
using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace DistillGuard.Gateway.Tests.Features.Logging;

public sealed class ExchangeLogTests
{
    [Fact]
    public async Task Process_StreamedAnthropicResponse_ReassembledIntoOneRecord()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_stream");
        var ct = TestContext.Current.CancellationToken;
        var body = Bodies.Anthropic(stream: true, think: true, prompt: "Explain recursion");

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, body, "python-httpx/0.27.0"), ct);
        await response.Content.ReadAsStringAsync(ct);
        await fixture.StopGatewayAsync();

        var record = Assert.Single(fixture.ReadLog());
        Assert.Equal("acct_stream", record.GetProperty("account_id").GetString());
        Assert.Equal("anthropic.messages", record.GetProperty("api").GetString());
        Assert.Equal(200, record.GetProperty("status").GetInt32());
        Assert.Equal("127.0.0.1", record.GetProperty("ip").GetString());
        Assert.Equal("python-httpx/0.27.0", record.GetProperty("user_agent").GetString());
        Assert.StartsWith("key_", record.GetProperty("api_key_id").GetString(), StringComparison.Ordinal);
        Assert.True(record.GetProperty("latency_ms").GetDouble() >= 0);
        Assert.Equal(JsonDocument.Parse(body).RootElement.GetRawText(), record.GetProperty("request").GetRawText());
        var content = record.GetProperty("response").GetProperty("content");
        Assert.Equal("thinking", content[0].GetProperty("type").GetString());
        Assert.Equal("Step 1: read the problem. Step 2: work it out carefully.", content[0].GetProperty("thinking").GetString());
        Assert.Equal("Answer to: Explain recursion", content[1].GetProperty("text").GetString());
        Assert.Equal("end_turn", record.GetProperty("response").GetProperty("stop_reason").GetString());
        Assert.Equal(34, record.GetProperty("usage").GetProperty("output_tokens").GetInt32());
        Assert.Equal(12, record.GetProperty("usage").GetProperty("input_tokens").GetInt32());
    }

    [Fact]
    public async Task Process_StreamedOpenAIResponse_ReassemblesReasoningAndToolCalls()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_oa");
        var ct = TestContext.Current.CancellationToken;

        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", key, Bodies.OpenAI(stream: true, think: true, tools: "search", prompt: "Find it")), ct);
        await response.Content.ReadAsStringAsync(ct);
        await fixture.StopGatewayAsync();

        var record = Assert.Single(fixture.ReadLog());
        var message = record.GetProperty("response").GetProperty("choices")[0].GetProperty("message");
        Assert.Equal("Answer to: Find it", message.GetProperty("content").GetString());
        Assert.Equal("Step 1: read the problem. Step 2: work it out carefully.", message.GetProperty("reasoning_content").GetString());
        Assert.Equal("search", message.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("name").GetString());
        Assert.Equal("{\"query\":\"standin\"}", message.GetProperty("tool_calls")[0].GetProperty("function").GetProperty("arguments").GetString());
        Assert.Equal(46 - 12, record.GetProperty("usage").GetProperty("output_tokens").GetInt32());
    }

    [Fact]
    public async Task Log_ClientKey_NeverWrittenToLogOrStore()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_secret");
        var ct = TestContext.Current.CancellationToken;
        using var request = GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic());
        using var response = await fixture.Client.SendAsync(request, ct);
        Assert.Equal(200, (int)response.StatusCode);
        await fixture.StopGatewayAsync();

        foreach (var file in Directory.GetFiles(fixture.Root, "*", SearchOption.AllDirectories))
        {
            var bytes = await File.ReadAllBytesAsync(file, ct);
            Assert.DoesNotContain(key, System.Text.Encoding.UTF8.GetString(bytes), StringComparison.Ordinal);
        }

        Assert.Single(fixture.ReadLog());

    }

    [Fact]
    public async Task Log_RequestIdHeaderSentToClient_IsTheLoggedRequestId()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_ids");
        var ct = TestContext.Current.CancellationToken;
        var sent = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(prompt: $"q{i}")), ct);
            Assert.Equal(200, (int)response.StatusCode);
            sent.Add(Assert.Single(response.Headers.GetValues("x-distillguard-request-id")));
        }

        await fixture.StopGatewayAsync();

        Assert.All(sent, id => Assert.Matches("^req_[0-9a-f]{24}$", id));
        Assert.Equal(3, sent.Distinct().Count());
        Assert.Equal(sent, fixture.ReadLog().Select(r => r.GetProperty("request_id").GetString()));
    }

    [Fact]
    public async Task Log_WhileRunning_RecordsReachTheFileOnTheFlushTimerNotPerRecord()
    {
        var clock = new FlushTimerClock(TimeSpan.FromMinutes(7));
        await using var fixture = await GatewayFixture.StartAsync(s => s["Gateway:Log:FlushInterval"] = "00:07:00", services => services.AddSingleton<TimeProvider>(clock));
        var key = await fixture.CreateKeyAsync("acct_tail");
        var ct = TestContext.Current.CancellationToken;
        using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(prompt: "tail me")), ct);
        var requestId = Assert.Single(response.Headers.GetValues("x-distillguard-request-id"));

        // The consumer has written the record (it feeds the engine after writing) but keeps it in its buffer.
        await fixture.WaitForEngineAsync(1);
        Assert.Empty(fixture.ReadLog());

        clock.FireFlushTimer();
        await fixture.WaitForEngineAsync(1); // a round trip through the queue, behind the flush the timer asked for

        Assert.Equal(requestId, Assert.Single(fixture.ReadLog()).GetProperty("request_id").GetString());
    }

    /// <summary>The system clock, except that the timer with the given period fires only when the test says so.</summary>
    private sealed class FlushTimerClock(TimeSpan period) : TimeProvider
    {
        private (TimerCallback Callback, object? State)? _flush;

        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan timerPeriod)
        {
            if (timerPeriod != period)
            {
                return base.CreateTimer(callback, state, dueTime, timerPeriod);
            }

            _flush = (callback, state);
            return base.CreateTimer(static _ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        }

        public void FireFlushTimer()
        {
            var (callback, state) = _flush ?? throw new InvalidOperationException("the gateway made no flush timer");
            callback(state);
        }
    }

    [Fact]
    public async Task Log_PastMaxFileBytes_RotatesToNewFilesEachWithinTheLimit()
    {
        const int maxBytes = 4096;
        await using var fixture = await GatewayFixture.StartAsync(s => s["Gateway:Log:MaxFileBytes"] = maxBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var key = await fixture.CreateKeyAsync("acct_rotate");
        var ct = TestContext.Current.CancellationToken;
        const int count = 20;
        for (var i = 0; i < count; i++)
        {
            using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(prompt: $"question number {i}")), ct);
            Assert.Equal(200, (int)response.StatusCode);
        }

        await fixture.StopGatewayAsync();

        var files = Directory.GetFiles(fixture.LogDirectory, "exchanges-*.jsonl");
        Assert.True(files.Length >= 3, $"{count} records of ~1 KB in {files.Length} file(s) of at most {maxBytes} bytes");
        Assert.All(files, f => Assert.InRange(new FileInfo(f).Length, 1, maxBytes));
        var records = fixture.ReadLog();
        Assert.Equal(count, records.Count);
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"question number {i}"),
            records.Select(r => r.GetProperty("request").GetProperty("messages")[0].GetProperty("content").GetString()));
    }

    [Fact]
    public async Task StopGateway_ManyConcurrentRequestsAndTinyQueue_EveryExchangeLogged()
    {
        await using var fixture = await GatewayFixture.StartAsync(s => s["Gateway:Log:QueueCapacity"] = "1");
        var key = await fixture.CreateKeyAsync("acct_load");
        var ct = TestContext.Current.CancellationToken;
        const int count = 60;

        var tasks = Enumerable.Range(0, count).Select(async i =>
        {
            using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest(i % 2 == 0 ? "/v1/messages" : "/v1/chat/completions", key, i % 2 == 0 ? Bodies.Anthropic(stream: i % 4 == 0, prompt: $"q{i}") : Bodies.OpenAI(stream: i % 3 == 0, prompt: $"q{i}")), ct);
            return (int)response.StatusCode;
        }).ToArray();
        var statuses = await Task.WhenAll(tasks);
        var metrics = await fixture.Client.GetStringAsync("/metrics", ct);
        await fixture.StopGatewayAsync();

        Assert.All(statuses, s => Assert.Equal(200, s));
        var records = fixture.ReadLog();
        Assert.Equal(count, records.Count);
        Assert.Equal(count, records.Select(r => r.GetProperty("request_id").GetString()).Distinct().Count());
        Assert.Contains("distillguard_gateway_log_queue_capacity 1", metrics, StringComparison.Ordinal);
        Assert.Contains("distillguard_gateway_log_records_failed_total 0", metrics, StringComparison.Ordinal);
    }

    /// <summary>
    /// The overload policy, made to happen: the engine thread is held on a work item, so with a queue of one the second
    /// exchange's record must wait for room. The wait is counted, and once the thread moves on both are logged.
    /// </summary>
    [Fact]
    public async Task Enqueue_QueueFullWhileTheConsumerIsBusy_RequestWaitsCountedAndNothingLost()
    {
        await using var fixture = await GatewayFixture.StartAsync(s => s["Gateway:Log:QueueCapacity"] = "1");
        var key = await fixture.CreateKeyAsync("acct_backpressure");
        var ct = TestContext.Current.CancellationToken;
        var pipeline = fixture.Service<ExchangeLogPipeline>();
        var consumerHeld = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var release = new ManualResetEventSlim();
        var held = pipeline.RunOnEngineAsync(_ =>
        {
            consumerHeld.SetResult();
            release.Wait(ct);
            return true;
        }, ct);
        await consumerHeld.Task;

        var first = SendAsync("first");
        var second = SendAsync("second");
        // Each check is a round trip to /metrics, served while the engine thread is held.
        long waits = 0;
        for (var attempt = 0; waits == 0 && attempt < 100_000; attempt++)
        {
            waits = PrometheusText.Value(await fixture.Client.GetStringAsync("/metrics", ct), "distillguard_gateway_log_backpressure_waits_total");
        }

        Assert.Equal(1, waits);

        release.Set();
        await held;
        var statuses = await Task.WhenAll(first, second);
        Assert.Equal([200, 200], statuses);
        var metrics = await fixture.Client.GetStringAsync("/metrics", ct);
        await fixture.StopGatewayAsync();

        Assert.Equal(1, PrometheusText.Value(metrics, "distillguard_gateway_log_backpressure_waits_total"));
        Assert.Equal(0, PrometheusText.Value(metrics, "distillguard_gateway_log_records_failed_total"));
        Assert.Equal(["first", "second"], fixture.ReadLog().Select(r => r.GetProperty("request").GetProperty("messages")[0].GetProperty("content").GetString()).Order(StringComparer.Ordinal));

        async Task<int> SendAsync(string prompt)
        {
            using var response = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(prompt: prompt)), ct);
            await response.Content.ReadAsStringAsync(ct);
            return (int)response.StatusCode;
        }
    }

    [Fact]
    public async Task Process_ResponsesOverMaxResponseBytes_ClientGetsAllRecordKeptCutAndCounted()
    {
        await using var fixture = await GatewayFixture.StartAsync(s => s["Gateway:Log:MaxResponseBytes"] = "1024");
        fixture.Anthropic.State.AnswerPadding = 3000;
        var key = await fixture.CreateKeyAsync("acct_long");
        var ct = TestContext.Current.CancellationToken;

        using var json = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(prompt: "long json")), ct);
        var jsonBody = await json.Content.ReadAsStringAsync(ct);
        using var stream = await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(stream: true, prompt: "long stream")), ct);
        var sse = await stream.Content.ReadAsStringAsync(ct);
        // The cut is counted when the record is written, after the client has the answer.
        await fixture.WaitForEngineAsync(2);
        var metrics = await fixture.Client.GetStringAsync("/metrics", ct);
        await fixture.StopGatewayAsync();

        // The client always gets the whole answer; only what is logged is cut.
        Assert.Contains(new string('.', 3000), JsonDocument.Parse(jsonBody).RootElement.GetProperty("content")[0].GetProperty("text").GetString(), StringComparison.Ordinal);
        Assert.Contains("event: message_stop", sse, StringComparison.Ordinal);
        Assert.True(sse.Length > 3000, $"the stream was {sse.Length} characters");
        Assert.Equal(2, PrometheusText.Value(metrics, "distillguard_gateway_log_responses_truncated_total"));
        var records = fixture.ReadLog();
        Assert.Equal(2, records.Count);
        // A cut JSON body cannot be logged verbatim: the record keeps everything but the body, and the usage the
        // answer ended with (the stand-in's 12 in, 34 out), read from the bytes past the cut.
        var jsonRecord = records.Single(r => r.GetProperty("request").GetProperty("messages")[0].GetProperty("content").GetString() == "long json");
        Assert.False(jsonRecord.TryGetProperty("response", out _));
        Assert.Equal(200, jsonRecord.GetProperty("status").GetInt32());
        Assert.Equal("acct_long", jsonRecord.GetProperty("account_id").GetString());
        AssertUsage(jsonRecord, input: 12, output: 34);
        // A cut stream is reassembled from what was kept, the start of the answer, whose message_start counts one
        // output token; the record's usage has the 34 of the message_delta past the cut.
        var streamRecord = records.Single(r => r.GetProperty("request").GetProperty("messages")[0].GetProperty("content").GetString() == "long stream");
        Assert.Equal(200, streamRecord.GetProperty("status").GetInt32());
        Assert.True(streamRecord.GetRawText().Length < sse.Length, "the logged stream record must be cut");
        AssertUsage(streamRecord, input: 12, output: 34);
    }

    [Fact]
    public async Task Process_OpenAIResponsesOverMaxResponseBytes_RecordKeepsTheUsageTheAnswerEndedWith()
    {
        await using var fixture = await GatewayFixture.StartAsync(s => s["Gateway:Log:MaxResponseBytes"] = "1024");
        fixture.OpenAI.State.AnswerPadding = 6000;
        var key = await fixture.CreateKeyAsync("acct_long_o");
        var ct = TestContext.Current.CancellationToken;

        (await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", key, Bodies.OpenAI(prompt: "long json")), ct)).Dispose();
        (await fixture.Client.SendAsync(GatewayFixture.ModelRequest("/v1/chat/completions", key, Bodies.OpenAI(stream: true, prompt: "long stream")), ct)).Dispose();
        await fixture.StopGatewayAsync();

        var records = fixture.ReadLog();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => AssertUsage(r, input: 12, output: 34));
    }

    private static void AssertUsage(JsonElement record, int input, int output)
    {
        Assert.True(record.TryGetProperty("usage", out var usage), $"no usage in {record.GetRawText()[..200]}");
        Assert.Equal(input, usage.GetProperty("input_tokens").GetInt32());
        Assert.Equal(output, usage.GetProperty("output_tokens").GetInt32());
    }

    /// <summary>
    /// A graceful stop while a streamed answer is still being awaited from the upstream: the web server waits for it,
    /// the client gets the whole stream, and its record is in the log once the stop has finished.
    /// </summary>
    [Fact]
    public async Task StopGateway_StreamInFlight_CompletesForTheClientAndIsLogged()
    {
        await using var fixture = await GatewayFixture.StartAsync();
        var key = await fixture.CreateKeyAsync("acct_inflight");
        var ct = TestContext.Current.CancellationToken;
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        fixture.Anthropic.State.AnswerGate = gate.Task;
        using var client = new HttpClient { BaseAddress = new Uri(fixture.BaseUrl) };

        var inFlight = Task.Run(async () =>
        {
            using var response = await client.SendAsync(GatewayFixture.ModelRequest("/v1/messages", key, Bodies.Anthropic(stream: true, prompt: "in flight")), ct);
            return ((int)response.StatusCode, await response.Content.ReadAsStringAsync(ct));
        }, ct);
        await fixture.Anthropic.State.Arrivals.WaitAsync(ct);
        var stopBegun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = fixture.App.Lifetime.ApplicationStopping.Register(() => stopBegun.TrySetResult());
        var stopping = fixture.StopGatewayAsync();
        await stopBegun.Task.WaitAsync(ct);
        gate.SetResult();
        var (status, sse) = await inFlight;
        await stopping;

        Assert.Equal(200, status);
        Assert.Contains("event: message_stop", sse, StringComparison.Ordinal);
        var record = Assert.Single(fixture.ReadLog());
        Assert.Equal("Answer to: in flight", record.GetProperty("response").GetProperty("content")[0].GetProperty("text").GetString());
    }
}
