using DistillGuard.Core.Analysis;
using DistillGuard.Core.Log;

namespace DistillGuard.Core.Tests.Analysis;

/// <summary>Builds hand-written exchanges and analyses them with a default analyser.</summary>
internal static class ExchangeFactory
{
    public static readonly ExchangeAnalyzer Analyzer = new();

    public static Exchange Create(
        string user,
        string? system = null,
        IReadOnlyList<string>? tools = null,
        int toolResults = 0,
        int images = 0,
        int userTurns = 1,
        int assistantTurns = 0,
        string? firstUser = null,
        int? maxTokens = null,
        int? thinkingBudget = null,
        string? reasoningEffort = null) => new()
        {
            Timestamp = new DateTime(2026, 4, 22, 3, 14, 7, DateTimeKind.Utc),
            AccountId = "acct_test",
            Api = ApiShape.AnthropicMessages,
            Model = "frontier-large-2",
            Request = new ExchangeRequest
            {
                SystemPrompt = system,
                LastUserText = user,
                FirstUserText = firstUser,
                UserTurns = userTurns,
                AssistantTurns = assistantTurns,
                ToolResultCount = toolResults,
                ImageCount = images,
                ToolNames = tools ?? [],
                MaxTokens = maxTokens,
                ThinkingBudget = thinkingBudget,
                ReasoningEffort = reasoningEffort,
            },
        };

    public static ExchangeFeatures Analyze(string user, string? system = null) => Analyzer.Analyze(Create(user, system));
}
