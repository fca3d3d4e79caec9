using DistillGuard.Core.Analysis;

namespace DistillGuard.Core.Tests.Analysis;

public sealed class CotElicitationTests
{
    [Theory]
    [InlineData("Solve: 12*13. Think step by step and show every step.")]
    [InlineData("Explain your reasoning in detail before the final answer.")]
    [InlineData("Write your complete chain of thought, then answer.")]
    [InlineData("Walk through your reasoning, then give the answer.")]
    [InlineData("Solve this step-by-step and explain in detail.")]
    public void Analyze_ExplicitReasoningRequest_CotElicitation(string prompt)
    {
        var features = ExchangeFactory.Analyze(prompt);

        Assert.True(features.CotElicitation);
        Assert.True(features.CotSignals.HasFlag(CotSignals.ExplicitRequest));
        Assert.False(features.TraceReconstruction);
    }

    [Theory]
    [InlineData("What is the capital of France?")]
    [InlineData("Answer with the letter only, no explanation. Step by step is not needed, in detail neither.")]
    [InlineData("Write a haiku about rain.")]
    [InlineData("Explain how a bicycle works.")]
    public void Analyze_NoReasoningRequest_NoCot(string prompt)
    {
        var features = ExchangeFactory.Analyze(prompt);

        Assert.False(features.CotElicitation, features.CotSignals.ToString());
        Assert.Equal(CotSignals.None, features.CotSignals);
    }

    [Theory]
    [InlineData("Here is a problem and its final answer; write the detailed reasoning that leads to it.\n\nProblem: 3x+1=10\nAnswer: 3")]
    [InlineData("Reconstruct the thought process behind this solution.")]
    [InlineData("The correct answer is 42. Work backwards and write the step by step derivation that arrives at it.")]
    [InlineData("Given the question and the reference answer, produce the reasoning trace a model would write.")]
    public void Analyze_TraceReconstructionPrompt_TraceReconstruction(string prompt)
    {
        var features = ExchangeFactory.Analyze(prompt);

        Assert.True(features.TraceReconstruction, features.CotSignals.ToString());
        Assert.True(features.CotElicitation);
        Assert.True(features.CotSignals.HasFlag(CotSignals.TraceReconstruction));
    }

    [Theory]
    [InlineData("What is the final answer to 2+2?")]
    [InlineData("Rebuild the kitchen cabinet instructions into a checklist.")]
    [InlineData("This road leads to the village; how far is it?")]
    public void Analyze_AnswerWordsWithoutReconstruction_NoTraceReconstruction(string prompt)
    {
        Assert.False(ExchangeFactory.Analyze(prompt).TraceReconstruction);
    }

    [Theory]
    [InlineData(4096, true)]
    [InlineData(16000, true)]
    [InlineData(4095, false)]
    [InlineData(1024, false)]
    public void Analyze_ThinkingBudget_LargeBudgetFlagged(int budget, bool expected)
    {
        var features = ExchangeFactory.Analyzer.Analyze(ExchangeFactory.Create("hello", thinkingBudget: budget));

        Assert.Equal(expected, features.CotSignals.HasFlag(CotSignals.LargeThinkingBudget));
        Assert.Equal(expected, features.CotElicitation);
        Assert.Equal(budget, features.ThinkingBudget);
    }

    [Theory]
    [InlineData("high", true)]
    [InlineData("HIGH", true)]
    [InlineData("xhigh", true)]
    [InlineData("medium", false)]
    [InlineData("low", false)]
    [InlineData(null, false)]
    public void Analyze_ReasoningEffort_HighFlagged(string? effort, bool expected)
    {
        var features = ExchangeFactory.Analyzer.Analyze(ExchangeFactory.Create("hello", reasoningEffort: effort));

        Assert.Equal(expected, features.CotSignals.HasFlag(CotSignals.HighReasoningEffort));
    }

    [Fact]
    public void Analyze_CustomThresholds_Respected()
    {
        var analyzer = new ExchangeAnalyzer(new ExchangeAnalyzerOptions { LargeThinkingBudget = 1024, HighReasoningEffort = "medium" });

        var budget = analyzer.Analyze(ExchangeFactory.Create("hello", thinkingBudget: 1024));
        var effort = analyzer.Analyze(ExchangeFactory.Create("hello", reasoningEffort: "medium"));

        Assert.True(budget.CotSignals.HasFlag(CotSignals.LargeThinkingBudget));
        Assert.True(effort.CotSignals.HasFlag(CotSignals.HighReasoningEffort));
    }

    [Fact]
    public void Constructor_InvalidEffort_Throws()
    {
        Assert.Throws<System.ComponentModel.DataAnnotations.ValidationException>(
            () => new ExchangeAnalyzer(new ExchangeAnalyzerOptions { HighReasoningEffort = "extreme" }));
    }
}
