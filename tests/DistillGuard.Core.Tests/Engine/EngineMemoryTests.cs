using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Engine;

[Collection(EngineMemoryCollection.Name)]
public sealed class EngineMemoryTests
{
    [Fact]
    public void Observe_ManyAccountsStableNetworkAndTemplates_AccountStateUnder2KB()
    {
        var perAccount = RetainedPerAccount(ipVariety: 1, templateVariety: 1);

        Assert.True(perAccount <= 2048, $"engine retains {perAccount:N0} bytes per account");
    }

    [Fact]
    public void Observe_ManyAccountsRotatingIpsAndTemplates_SharedAttributeStateBounded()
    {
        // Worst case: every exchange from another IP block and the templates keep changing. Attribute entries are
        // capped by the accounts' link rings (13 per account), so the total stays bounded whatever the log's length.
        var perAccount = RetainedPerAccount(ipVariety: 4096, templateVariety: 64);

        Assert.True(perAccount <= 2048 + (13 * 200), $"engine retains {perAccount:N0} bytes per account");
    }

    [Fact]
    public void Observe_BusyTrafficWithinOneTick_BuffersAFewMinutesNotTheWholeTick()
    {
        // Ten exchanges a second for the first 14 minutes of a 15-minute tick: the tick is still open at the end.
        const int perSecond = 10;
        var options = new DetectionOptions();
        var engine = EngineRun.Create();
        var exchange = new Exchange { Api = ApiShape.AnthropicMessages, Model = "frontier-large-2", AsnType = AsnType.Isp, Asn = 7922, Country = "US", Ip = "10.0.0.7" };
        var most = 0;
        for (var i = 0; i < 14 * 60 * perSecond; i++)
        {
            exchange.Timestamp = TrafficBuilder.Start.AddSeconds(i / (double)perSecond);
            exchange.AccountId = $"acct_{i % 50:D4}";
            exchange.Request.LastUserText = $"question {i % 7} about the weather";
            engine.Observe(exchange);
            most = Math.Max(most, engine.BufferedExchanges);
        }

        // Applied once they lie the tolerance behind the newest exchange, at most a step (the tolerance) late.
        var bound = (int)(2 * options.ReorderTolerance.TotalSeconds * perSecond) + perSecond;
        Assert.InRange(most, (int)(options.ReorderTolerance.TotalSeconds * perSecond), bound);
        Assert.Equal(14 * 60 * perSecond, engine.ObservedExchanges);

        // One copy of each still-buffered prompt's start, one byte per ASCII character: the applied ones' texts are gone.
        Assert.Equal(engine.BufferedExchanges * "question 0 about the weather".Length, engine.BufferedExampleBytes);
    }

    [Fact]
    public void Observe_BusyTrafficWithLongPrompts_HoldsEachBufferedExchangeOnce()
    {
        // 1,000 exchanges a second for 8 minutes, each prompt longer than the example kept of it: the buffer fills and
        // is applied in batches. At its fullest it holds each exchange once — its features, references to shared
        // strings and 241 bytes of prompt: 847 bytes here. With a second copy of the waiting exchanges, a copy of
        // each batch to sort it, and prompts kept as UTF-16, it held 1,653.
        const int perSecond = 1000;
        var engine = EngineRun.Create();
        var exchange = new Exchange { Api = ApiShape.AnthropicMessages, Model = "frontier-large-2", AsnType = AsnType.Isp, Asn = 7922, Country = "US", Ip = "10.0.0.7" };
        var padding = new string('x', 600);
        var texts = Enumerable.Range(0, 50).Select(i => $"Summarise the causes of the French Revolution {padding}: {i}").ToArray();
        var ids = Enumerable.Range(0, 500).Select(i => $"acct_{i:D4}").ToArray();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        var (most, buffered) = (0L, 0);
        for (var i = 0; i < 8 * 60 * perSecond; i++)
        {
            exchange.Timestamp = TrafficBuilder.Start.AddSeconds(i / (double)perSecond);
            exchange.AccountId = ids[i % ids.Length];
            exchange.Request.LastUserText = texts[i % texts.Length];
            engine.Observe(exchange);
            if (i % 20_000 == 0 && GC.GetTotalMemory(forceFullCollection: true) - before is var held && held > most)
            {
                (most, buffered) = (held, engine.BufferedExchanges);
            }
        }

        var perBuffered = most / (double)buffered;
        TestContext.Current.SendDiagnosticMessage($"engine holds {perBuffered:N0} bytes per buffered exchange at its fullest ({buffered:N0} buffered)");
        Assert.True(buffered >= 2 * 60 * perSecond, $"only {buffered:N0} exchanges were buffered at the fullest sample");
        Assert.True(perBuffered <= 1200, $"engine holds {perBuffered:N0} bytes per buffered exchange");
    }

    [Fact]
    public void Observe_ToolResultTurns_KeepNoExampleText()
    {
        // A turn carrying tool results never links by its template, so it never gives a template its example.
        var engine = EngineRun.Create();
        var exchange = new Exchange { Api = ApiShape.AnthropicMessages, Model = "frontier-large-2", AsnType = AsnType.Isp, Ip = "10.0.0.7" };
        exchange.Request.ToolResultCount = 1;
        for (var i = 0; i < 100; i++)
        {
            exchange.Timestamp = TrafficBuilder.Start.AddSeconds(i);
            exchange.AccountId = $"acct_{i % 5:D4}";
            exchange.Request.LastUserText = $"Here is the output of the test run {i}; fix the failing case.";
            engine.Observe(exchange);
        }

        Assert.Equal(100, engine.BufferedExchanges);
        Assert.Equal(0, engine.BufferedExampleBytes);

        exchange.Request.ToolResultCount = 0;
        exchange.Timestamp = TrafficBuilder.Start.AddSeconds(100);
        engine.Observe(exchange);
        Assert.Equal(exchange.Request.LastUserText.Length, engine.BufferedExampleBytes);
    }

    [Fact]
    public void Observe_ExampleBufferAtItsBound_TemplateTakesItsExampleFromALaterExchange()
    {
        // Room for three 40-character prompts (each needs 120 bytes free to be added): the two "translate this"
        // prompts after three fillers are dropped, and the second of them registers the template.
        var engine = new DetectionEngine(new DetectionOptions(), new TestAnalyzer(), maxExampleBytes: 200);
        var exchange = new Exchange { Api = ApiShape.AnthropicMessages, Model = "frontier-large-2", AsnType = AsnType.Isp, Ip = "10.0.0.7", AccountId = "acct_a" };
        void Send(int seconds, string head)
        {
            exchange.Timestamp = TrafficBuilder.Start.AddSeconds(seconds);
            exchange.Request.LastUserText = $"{head}: ".PadRight(40, 'x');
            engine.Observe(exchange);
        }

        Send(0, "filler one");
        Send(1, "filler two");
        Send(2, "filler three");
        Send(3, "translate this");
        Send(4, "translate this");
        Assert.Equal(120, engine.BufferedExampleBytes);

        // Ten minutes later the first five are applied (beyond the reorder tolerance) and their texts let go.
        Send(600, "translate this");
        var templateKey = StableHash.Of("translate this") | 1;
        var template = engine.Attributes.Single(a => a.Kind == AttributeKind.Template && a.Key == templateKey);
        Assert.Null(template.Example);
        Assert.Equal(40, engine.BufferedExampleBytes);

        engine.BuildFindings(0, TrafficBuilder.Start.AddDays(1));

        Assert.Equal("translate this: ".PadRight(40, 'x'), template.Example);
    }

    private static double RetainedPerAccount(int ipVariety, int templateVariety)
    {
        const int accounts = 5000;
        var ids = Enumerable.Range(0, accounts).Select(i => $"acct_{i:D6}_{Guid.Empty:N}"[..24]).ToArray();
        var exchange = new Exchange { Api = ApiShape.AnthropicMessages, Model = "frontier-large-2", AsnType = AsnType.Isp, Asn = 7922, Country = "US", UserAgent = "python-httpx/0.27.0", TlsFingerprint = "ja3" };
        var ips = Enumerable.Range(0, 4096).Select(i => $"10.{i / 16}.{i % 16 * 16}.7").ToArray();
        var texts = Enumerable.Range(0, 64).Select(i => $"template {i} step by step: x").ToArray();

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var engine = EngineRun.Create();
        for (var round = 0; round < 40; round++)
        {
            for (var i = 0; i < accounts; i++)
            {
                exchange.Timestamp = TrafficBuilder.Start.AddSeconds((round * 3600.0) + (i * 0.5));
                exchange.AccountId = ids[i];
                exchange.Ip = ips[(i * 7 + round * 13) % ipVariety];
                exchange.Request.LastUserText = texts[(i + round / 2) % templateVariety];
                engine.Observe(exchange);
            }
        }

        engine.BuildFindings(0, EngineRun.GeneratedAt);
        var after = GC.GetTotalMemory(forceFullCollection: true);
        GC.KeepAlive(engine);

        var perAccount = (after - before) / (double)accounts;
        TestContext.Current.SendDiagnosticMessage($"engine retains {perAccount:N0} bytes per tracked account (IPs {ipVariety}, templates {templateVariety})");
        Assert.Equal(accounts, engine.TrackedAccounts);
        return perAccount;
    }
}
