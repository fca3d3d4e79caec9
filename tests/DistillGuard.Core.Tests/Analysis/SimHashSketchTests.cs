using DistillGuard.Core.Analysis;

namespace DistillGuard.Core.Tests.Analysis;

public sealed class SimHashSketchTests
{
    [Theory]
    [InlineData(
        "Solve the following math problem carefully and show every step of your reasoning before giving the final answer at the end.",
        "Solve the following maths problem carefully, and show each step of your reasoning before you give the final answer at the end.")]
    [InlineData(
        "You are an expert Python developer. Review the code below, list every bug you find, and rewrite it so that it is idiomatic and fast.",
        "You are an expert Python engineer. Review the code below, list each bug you find, then rewrite it so it is idiomatic and fast.")]
    public void Analyze_Paraphrases_SmallHammingDistance(string first, string second)
    {
        var a = ExchangeFactory.Analyze(first).Sketch;
        var b = ExchangeFactory.Analyze(second).Sketch;

        Assert.InRange(Sketch.Hamming(a, b), 0, Sketch.NearDuplicateDistance);
        Assert.True(Sketch.AreNearDuplicates(a, b));
    }

    [Theory]
    [InlineData(
        "Solve the following math problem carefully and show every step of your reasoning before giving the final answer at the end.",
        "Write a cheerful limerick about a cat who learns to play the trumpet in a small seaside town.")]
    [InlineData(
        "You are an expert Python developer. Review the code below, list every bug you find, and rewrite it so that it is idiomatic and fast.",
        "Plan a relaxed three-day itinerary for Lisbon with museums, seafood restaurants and a day trip to Sintra.")]
    public void Analyze_UnrelatedPrompts_LargeHammingDistance(string first, string second)
    {
        var a = ExchangeFactory.Analyze(first).Sketch;
        var b = ExchangeFactory.Analyze(second).Sketch;

        Assert.True(Sketch.Hamming(a, b) > 20, $"distance {Sketch.Hamming(a, b)}");
        Assert.False(Sketch.AreNearDuplicates(a, b));
    }

    [Fact]
    public void Analyze_SameTemplateDifferentSlots_IdenticalSketch()
    {
        var a = ExchangeFactory.Analyze("Translate the sentence into German.\n\nSentence: The cat sleeps.").Sketch;
        var b = ExchangeFactory.Analyze("Translate the sentence into German.\n\nSentence: Where is the train station?").Sketch;

        Assert.Equal(a, b);
        Assert.NotEqual(0UL, a);
    }

    [Fact]
    public void Analyze_EmptyUserText_SketchesSystemPrompt()
    {
        var withSystem = ExchangeFactory.Analyzer.Analyze(ExchangeFactory.Create(string.Empty, system: "You are a coding agent working in a repository.", toolResults: 1));
        var bare = ExchangeFactory.Analyzer.Analyze(ExchangeFactory.Create(string.Empty));

        Assert.NotEqual(0UL, withSystem.Sketch);
        Assert.Equal(0UL, bare.Sketch);
    }

    [Theory]
    [InlineData(0UL, 0UL, 0, 1.0)]
    [InlineData(0UL, ulong.MaxValue, 64, 0.0)]
    [InlineData(0b1011UL, 0b0001UL, 2, 62.0 / 64)]
    public void Hamming_KnownPairs_ExpectedDistanceAndSimilarity(ulong a, ulong b, int distance, double similarity)
    {
        Assert.Equal(distance, Sketch.Hamming(a, b));
        Assert.Equal(similarity, Sketch.Similarity(a, b), 10);
    }
}
