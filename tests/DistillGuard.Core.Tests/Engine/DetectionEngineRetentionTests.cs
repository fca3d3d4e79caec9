using System.Runtime.CompilerServices;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Engine;

/// <summary>
/// A tick buffers every exchange until it closes; what it keeps must not be one fresh object per exchange, or the
/// live gateway's garbage collections grow with the traffic (docs/benchmarks.md, Gateway).
/// </summary>
public sealed class DetectionEngineRetentionTests
{
    [Fact]
    public void Observe_BufferedExchange_KeepsNeitherItsPromptNorAFreshCopyOfAKnownAddress()
    {
        var engine = EngineRun.Create();
        ObserveFresh(engine, TrafficBuilder.Start, "acct_a");
        var (prompt, address, agent) = ObserveFresh(engine, TrafficBuilder.Start.AddSeconds(1), "acct_b");

        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();

        Assert.False(prompt.TryGetTarget(out _), "the buffered exchange kept its prompt string");
        Assert.False(address.TryGetTarget(out _), "the buffered exchange kept its own copy of a known IP");
        Assert.False(agent.TryGetTarget(out _), "the buffered exchange kept its own copy of a known user agent");
        Assert.Equal(2, engine.ObservedExchanges);
    }

    [Fact]
    public void BuildFindings_TemplateFromBufferedExchanges_KeepsItsExampleText()
    {
        var traffic = new TrafficBuilder().Campaign("cmpX", 12, 30, 2).Casual(40, 4, 2);

        var findings = EngineRun.Run(traffic);

        var campaign = Assert.Single(findings.Campaigns);
        Assert.NotNull(campaign.Templates);
        Assert.Contains(campaign.Templates, t => !string.IsNullOrEmpty(t.Example));
    }

    /// <summary>Observes an exchange whose strings exist nowhere else; returns weak references to them.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static (WeakReference<string> Prompt, WeakReference<string> Address, WeakReference<string> Agent) ObserveFresh(
        DistillGuard.Core.Engine.DetectionEngine engine, DateTime at, string account)
    {
        var prompt = string.Concat("Explain step by step how to reverse a linked list, case ", account);
        var address = string.Concat("203.0.113.", "7");
        var agent = string.Concat("python-httpx/", "0.27.0");
        var exchange = new Exchange
        {
            Timestamp = at,
            AccountId = account,
            Api = ApiShape.AnthropicMessages,
            Model = "frontier-large-2",
            Ip = address,
            UserAgent = agent,
            AsnType = AsnType.Hosting,
        };
        exchange.Request.LastUserText = prompt;
        exchange.Request.UserTurns = 1;
        engine.Observe(exchange);
        return (new WeakReference<string>(prompt), new WeakReference<string>(address), new WeakReference<string>(agent));
    }
}
