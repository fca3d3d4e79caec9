using DistillGuard.Core.Analysis;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Engine;

/// <summary>
/// A transparent stand-in for the real analyzer, so engine tests control features exactly: the template is the
/// text before the first ':' (slots follow it), "step by step" elicits CoT, and a leading "[capability]" tag names
/// the capability.
/// </summary>
internal sealed class TestAnalyzer : IExchangeAnalyzer
{
    public ExchangeFeatures Analyze(Exchange exchange)
    {
        var text = exchange.Request.LastUserText;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var head = colon < 0 ? text : text[..colon];
        var capability = Capability.GeneralChat;
        if (text.StartsWith('['))
        {
            var end = text.IndexOf(']', StringComparison.Ordinal);
            CapabilityNames.TryParse(text[1..end], out capability);
        }
        else if (text.Contains("step by step", StringComparison.Ordinal))
        {
            capability = Capability.Reasoning;
        }

        return new ExchangeFeatures
        {
            TemplateId = StableHash.Of(head) | 1,
            UserTemplateId = StableHash.Of(head) | 1,
            Sketch = StableHash.Of(text),
            Capability = capability,
            CapabilityConfidence = 0.9f,
            CotElicitation = text.Contains("step by step", StringComparison.Ordinal),
            TraceReconstruction = text.Contains("reconstruct", StringComparison.Ordinal),
            SingleTurn = exchange.Request.UserTurns <= 1 && exchange.Request.AssistantTurns == 0,
            ToolsDeclared = exchange.Request.ToolNames.Count > 0,
            ToolResultsPresent = exchange.Request.ToolResultCount > 0,
            MaxTokens = exchange.Request.MaxTokens ?? 0,
            PromptChars = text.Length,
        };
    }
}
