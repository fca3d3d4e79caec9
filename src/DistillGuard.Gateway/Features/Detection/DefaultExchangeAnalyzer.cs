using DistillGuard.Core.Analysis;
using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Features.Detection;

/// <summary>
/// Placeholder until the analysis branch provides the real per-exchange analyzer: the engine needs one, and
/// the gateway must use the same one as <c>scan</c>. Replace the registration when it lands.
/// </summary>
internal sealed class DefaultExchangeAnalyzer : IExchangeAnalyzer
{
    public ExchangeFeatures Analyze(Exchange exchange) => new()
    {
        MaxTokens = exchange.Request.MaxTokens ?? 0,
        SingleTurn = exchange.Request.UserTurns == 1 && exchange.Request.AssistantTurns == 0,
        ToolsDeclared = exchange.Request.ToolNames.Count > 0,
        ToolResultsPresent = exchange.Request.ToolResultCount > 0,
        HasImages = exchange.Request.ImageCount > 0,
        PromptChars = (exchange.Request.SystemPrompt?.Length ?? 0) + exchange.Request.LastUserText.Length,
    };
}
