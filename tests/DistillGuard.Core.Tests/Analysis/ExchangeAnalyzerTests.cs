using DistillGuard.Core.Analysis;
using DistillGuard.Core.Log;
using DistillGuard.Core.Tests.Infrastructure;

namespace DistillGuard.Core.Tests.Analysis;

public sealed class ExchangeAnalyzerTests
{
    [Fact]
    public void Analyze_Structure_CopiedFromRequest()
    {
        var exchange = ExchangeFactory.Create("next step?", system: "sys", tools: ["a"], toolResults: 1, images: 2,
            userTurns: 3, assistantTurns: 2, firstUser: "build me a todo app", maxTokens: 2048, thinkingBudget: 1024);

        var features = ExchangeFactory.Analyzer.Analyze(exchange);

        Assert.False(features.SingleTurn);
        Assert.True(features.ToolsDeclared);
        Assert.True(features.ToolResultsPresent);
        Assert.True(features.HasImages);
        Assert.Equal(3, features.UserTurns);
        Assert.Equal(2048, features.MaxTokens);
        Assert.Equal(1024, features.ThinkingBudget);
        Assert.Equal("sys".Length + "next step?".Length, features.PromptChars);
    }

    [Fact]
    public void Analyze_OneUserTurn_SingleTurnAndNoMaxTokensIsZero()
    {
        var features = ExchangeFactory.Analyze("hello");

        Assert.True(features.SingleTurn);
        Assert.Equal(0, features.MaxTokens);
        Assert.Equal(0, features.ThinkingBudget);
    }

    [Fact]
    public void Analyze_MultiTurnFirstUserStatesTask_CountsTowardCapability()
    {
        var exchange = ExchangeFactory.Create("ok, and now?", userTurns: 2, assistantTurns: 1,
            firstUser: "Write a Python function that parses this CSV and refactor the class; add unit tests.");

        Assert.Equal(Capability.Coding, ExchangeFactory.Analyzer.Analyze(exchange).Capability);
    }

    [Fact]
    public void Analyze_SameExchangeTwice_IdenticalFeatures()
    {
        var exchange = ExchangeFactory.Create("Solve 2x+3=7 step by step.", system: "You are a tutor.");

        Assert.Equal(ExchangeFactory.Analyzer.Analyze(exchange), new ExchangeAnalyzer().Analyze(exchange));
    }

    [Fact]
    public void Analyze_HugePrompt_AnalysesOnlyConfiguredPrefix()
    {
        var analyzer = new ExchangeAnalyzer(new ExchangeAnalyzerOptions { MaxAnalyzedChars = 1000 });
        var head = string.Concat(Enumerable.Repeat("tell me a story about a dragon. ", 40));

        var a = analyzer.Analyze(ExchangeFactory.Create(head + "alpha beta gamma"));
        var b = analyzer.Analyze(ExchangeFactory.Create(head + "completely different tail"));

        Assert.Equal(a.TemplateId, b.TemplateId);
        Assert.Equal(head.Length + "alpha beta gamma".Length, a.PromptChars);
    }

    [Fact]
    public void Analyze_WarmedUp_AllocatesNothing()
    {
        var exchanges = new[]
        {
            ExchangeFactory.Create("Solve the following problem. Think step by step.\n\nProblem: A train leaves at 9:15 with 240 people.", system: "You are a tutor."),
            ExchangeFactory.Create("Review `parse_order` in https://example.com/x.py:\n```python\ndef f(x):\n    return x\n```\nThanks, Jane.", reasoningEffort: "high"),
            ExchangeFactory.Create("Grüße! Écris un poème «sur la mer» s'il te plaît.", images: 1, tools: ["search"]),
        };
        Assert.Equal(0, BytesAllocatedAnalysing(exchanges));
    }

    [Fact]
    public void Analyze_RepeatedLongSystemPrompt_SameFeaturesAsFirstAnalysis()
    {
        var agentSystem = string.Concat(Enumerable.Repeat("You are a coding agent in the user's repository. Use the tools to read and edit files and run the tests. ", 8));
        var otherSystem = string.Concat(Enumerable.Repeat("You are a poet who writes short rhyming verses about the sea and its storms. ", 8));
        var toolTurn = ExchangeFactory.Create(string.Empty, system: agentSystem, tools: ["read_file"], toolResults: 1);
        var userTurn = ExchangeFactory.Create("Write a haiku about rain.", system: agentSystem);
        var analyzer = new ExchangeAnalyzer();

        var firstTool = analyzer.Analyze(toolTurn);
        var firstUser = analyzer.Analyze(userTurn);
        analyzer.Analyze(ExchangeFactory.Create("hello", system: otherSystem));
        var againTool = analyzer.Analyze(toolTurn);
        var againUser = analyzer.Analyze(userTurn);

        Assert.Equal(firstTool, againTool);
        Assert.Equal(firstUser, againUser);
        Assert.Equal(firstTool, new ExchangeAnalyzer().Analyze(toolTurn));
        Assert.NotEqual(0UL, firstTool.Sketch);
        Assert.NotEqual(firstTool.Sketch, firstUser.Sketch);
        Assert.Equal(firstTool.SystemPromptId, firstUser.SystemPromptId);
    }

    [Fact]
    public void Analyze_LongSystemPromptWarmedUp_AllocatesNothing()
    {
        var system = string.Concat(Enumerable.Repeat("You are a support assistant for Acme. Answer politely and cite the policy. ", 10));
        var exchanges = new[]
        {
            ExchangeFactory.Create("where is my order #4521?", system: system),
            ExchangeFactory.Create(string.Empty, system: system, toolResults: 1),
        };
        Assert.Equal(0, BytesAllocatedAnalysing(exchanges));
    }

    [Fact]
    public void Constructor_OutOfRangeOption_Throws()
    {
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(
            () => new ExchangeAnalyzer(new ExchangeAnalyzerOptions { MaxAnalyzedChars = 10 }));
    }

    [Fact]
    public void Lexicon_EveryPhraseCompiles_TableHasEntries()
    {
        Assert.True(CapabilityLexicon.Count > 500, $"{CapabilityLexicon.Count} entries");
        Assert.True(CapabilityLexicon.Keys.Length >= CapabilityLexicon.Count * 4);
    }

    /// <summary>Bytes a hundred analyses of each exchange allocate once all of them have been analysed once.</summary>
    private static long BytesAllocatedAnalysing(Exchange[] exchanges)
    {
        foreach (var exchange in exchanges)
        {
            ExchangeFactory.Analyzer.Analyze(exchange);
        }

        return AllocationProbe.FewestBytesPerWindow(() =>
        {
            for (var i = 0; i < 100; i++)
            {
                foreach (var exchange in exchanges)
                {
                    ExchangeFactory.Analyzer.Analyze(exchange);
                }
            }
        });
    }
}
