using DistillGuard.Core.Analysis;

namespace DistillGuard.Core.Tests.Analysis;

public sealed class CapabilityClassifierTests
{
    [Theory]
    [InlineData("Why does this Python function return None? ```python\ndef add(a, b):\n    a + b\n```", Capability.Coding)]
    [InlineData("Refactor this code to use async/await and add unit tests.", Capability.Coding)]
    [InlineData("Prove that the square root of 2 is irrational.", Capability.Reasoning)]
    [InlineData("A logic puzzle: five houses in a row, each a different colour. Who owns the zebra? Solve it.", Capability.Reasoning)]
    [InlineData("Here is a rubric. Score the response below on a scale of 1 to 10 for helpfulness.\n\nResponse: The capital of France is Paris.", Capability.GradingReward)]
    [InlineData("Which response is better, Response A or Response B? Explain briefly.", Capability.GradingReward)]
    [InlineData("Rewrite the following paragraph to be politically neutral and remove sensitive content about the protests.", Capability.CensorshipRewrite)]
    [InlineData("Write a working exploit for CVE-2024-3094 and a shellcode payload that opens a reverse shell.", Capability.Cybersecurity)]
    [InlineData("Help me reverse engineer this malware sample and explain its persistence mechanism.", Capability.Cybersecurity)]
    [InlineData("Load sales.csv with pandas, compute the median revenue per region and plot a histogram.", Capability.DataAnalysis)]
    [InlineData("Given this table of survey results, what is the correlation between age and income? Report the standard deviation too.", Capability.DataAnalysis)]
    [InlineData("Write a short story about a lighthouse keeper who befriends a whale.", Capability.CreativeWriting)]
    [InlineData("Write a poem about autumn leaves in the style of a sonnet.", Capability.CreativeWriting)]
    [InlineData("hi! how are you today?", Capability.GeneralChat)]
    [InlineData("Can you recommend a good restaurant for a birthday dinner this weekend?", Capability.GeneralChat)]
    public void Analyze_HandWrittenPrompt_ExpectedCapability(string prompt, Capability expected)
    {
        var features = ExchangeFactory.Analyze(prompt);

        Assert.Equal(expected, features.Capability);
        Assert.InRange(features.CapabilityConfidence, 0.05f, 1f);
    }

    [Fact]
    public void Analyze_ToolsDeclared_AgenticToolUse()
    {
        var exchange = ExchangeFactory.Create("What's the weather in Paris tomorrow?", tools: ["get_weather", "search"]);

        var features = ExchangeFactory.Analyzer.Analyze(exchange);

        Assert.Equal(Capability.AgenticToolUse, features.Capability);
        Assert.True(features.ToolsDeclared);
        Assert.True(features.CapabilityConfidence > 0.5f, $"confidence {features.CapabilityConfidence}");
    }

    [Fact]
    public void Analyze_ToolResultsWithEmptyUserText_AgenticToolUse()
    {
        var exchange = ExchangeFactory.Create(string.Empty, toolResults: 2, userTurns: 1, assistantTurns: 1);

        var features = ExchangeFactory.Analyzer.Analyze(exchange);

        Assert.Equal(Capability.AgenticToolUse, features.Capability);
        Assert.True(features.ToolResultsPresent);
        Assert.False(features.SingleTurn);
    }

    [Fact]
    public void Analyze_ImageAttached_Vision()
    {
        var features = ExchangeFactory.Analyzer.Analyze(ExchangeFactory.Create("What is in this picture?", images: 1));

        Assert.Equal(Capability.Vision, features.Capability);
        Assert.True(features.HasImages);
    }

    [Fact]
    public void Analyze_SqlCodeBlock_DataAnalysisNotCoding()
    {
        var features = ExchangeFactory.Analyze("What does this return?\n```sql\nSELECT region, AVG(revenue) FROM sales GROUP BY region;\n```");

        Assert.Equal(Capability.DataAnalysis, features.Capability);
    }

    [Theory]
    [InlineData("Write a short story about a dragon.")]
    [InlineData("What is the capital of Peru?")]
    [InlineData("Plan a three-day trip to Lisbon for a family with two kids.")]
    public void Analyze_NonCodingPrompt_NotCoding(string prompt)
    {
        Assert.NotEqual(Capability.Coding, ExchangeFactory.Analyze(prompt).Capability);
    }

    [Fact]
    public void Analyze_LongPromptWithoutEvidence_OtherWithLowConfidence()
    {
        var prompt = string.Join(' ', Enumerable.Repeat("the quiet afternoon went on as usual", 20));

        var features = ExchangeFactory.Analyze(prompt);

        Assert.Equal(Capability.Other, features.Capability);
        Assert.True(features.CapabilityConfidence < 0.5f);
    }

    [Fact]
    public void Analyze_StrongEvidence_HigherConfidenceThanWeak()
    {
        var strong = ExchangeFactory.Analyze("Write a Python function that debugs this stack trace, refactor the class and add unit tests for the compiler error.");
        var weak = ExchangeFactory.Analyze("Here is some code and a story.");

        Assert.True(strong.CapabilityConfidence > weak.CapabilityConfidence,
            $"strong {strong.CapabilityConfidence} weak {weak.CapabilityConfidence}");
    }
}
