using DistillGuard.Core.Analysis;

namespace DistillGuard.Core.Tests.Analysis;

public sealed class PromptTokenizerTests
{
    [Theory]
    [InlineData("call 42 now", (int)PromptTokenKind.Number)]
    [InlineData("call user_id now", (int)PromptTokenKind.Identifier)]
    [InlineData("call parseOrder now", (int)PromptTokenKind.Identifier)]
    [InlineData("call os.path.join now", (int)PromptTokenKind.Identifier)]
    [InlineData("call gpt4 now", (int)PromptTokenKind.Identifier)]
    [InlineData("see https://example.com/a?b=1 now", (int)PromptTokenKind.Url)]
    [InlineData("mail jane.doe@example.org now", (int)PromptTokenKind.Email)]
    [InlineData("run `make all` now", (int)PromptTokenKind.InlineCode)]
    [InlineData("look ```python\nprint(1)\n``` now", (int)PromptTokenKind.CodeBlock)]
    public void TryNext_SlotKinds_MiddleTokenIsSlotOfKind(string text, int expectedKind)
    {
        var tokens = Tokenize(text);

        var slot = Assert.Single(tokens, t => t.Kind == (PromptTokenKind)expectedKind);
        Assert.True(slot.IsSlot);
        Assert.Contains(tokens, t => t.Kind == PromptTokenKind.Word && t.Hash == Hash64.Word("now") && !t.IsSlot);
    }

    [Fact]
    public void TryNext_CapitalisedNameMidSentence_Slot()
    {
        var tokens = Tokenize("Please ask Maria about it. Then stop.");

        Assert.False(tokens.Single(t => t.Hash == Hash64.Word("please")).IsSlot);
        Assert.True(tokens.Single(t => t.Hash == Hash64.Word("maria")).IsSlot);
        Assert.False(tokens.Single(t => t.Hash == Hash64.Word("then")).IsSlot);
    }

    [Fact]
    public void TryNext_PronounIAndShouting_NotSlots()
    {
        var tokens = Tokenize("yes I'm sure I KNOW THIS");

        Assert.All(tokens.Where(t => t.Kind == PromptTokenKind.Word && t.Hash != Hash64.Word("know")), t => Assert.False(t.IsSlot));
    }

    [Fact]
    public void TryNext_QuotedText_WordsAreSlots()
    {
        var tokens = Tokenize("translate \"good morning everyone\" please");

        Assert.True(tokens.Single(t => t.Hash == Hash64.Word("morning")).IsSlot);
        Assert.False(tokens.Single(t => t.Hash == Hash64.Word("please")).IsSlot);
    }

    [Fact]
    public void TryNext_ApostropheInsideWord_OneWordNotQuote()
    {
        var tokens = Tokenize("don't 'stop' now");

        Assert.False(tokens.Single(t => t.Hash == Hash64.Word("don't")).IsSlot);
        Assert.True(tokens.Single(t => t.Hash == Hash64.Word("stop")).IsSlot);
        Assert.False(tokens.Single(t => t.Hash == Hash64.Word("now")).IsSlot);
    }

    [Fact]
    public void TryNext_LabelPayload_MaskedUntilBlankLine()
    {
        var tokens = Tokenize("Solve it.\n\nProblem: the quick brown fox\njumps over\n\nshow steps");

        Assert.False(tokens.Single(t => t.Hash == Hash64.Word("problem")).IsSlot);
        Assert.True(tokens.Single(t => t.Hash == Hash64.Word("fox")).IsSlot);
        Assert.True(tokens.Single(t => t.Hash == Hash64.Word("jumps")).IsSlot);
        Assert.False(tokens.Single(t => t.Hash == Hash64.Word("show")).IsSlot);
    }

    [Fact]
    public void TryNext_NextLabelLine_EndsPayload()
    {
        var tokens = Tokenize("Question: what is love\nAnswer: baby don't hurt me");

        Assert.True(tokens.Single(t => t.Hash == Hash64.Word("love")).IsSlot);
        Assert.False(tokens.Single(t => t.Hash == Hash64.Word("answer")).IsSlot);
        Assert.True(tokens.Single(t => t.Hash == Hash64.Word("hurt")).IsSlot);
    }

    [Fact]
    public void TryNext_UnknownLabelWithText_RestOfLineOnlyIsPayload()
    {
        var tokens = Tokenize("Solve: the river is wide\nGive the final answer");

        Assert.False(tokens.Single(t => t.Hash == Hash64.Word("solve")).IsSlot);
        Assert.True(tokens.Single(t => t.Hash == Hash64.Word("river")).IsSlot);
        Assert.False(tokens.Single(t => t.Hash == Hash64.Word("give")).IsSlot);
    }

    [Fact]
    public void TryNext_UnknownLabelAloneOnLine_NextLineIsFrame()
    {
        var tokens = Tokenize("Instructions:\nwrite the poem");

        Assert.True(tokens.Single(t => t.Hash == Hash64.Word("poem")).IsSlot);
        Assert.False(tokens.Single(t => t.Hash == Hash64.Word("instructions")).IsSlot);
    }

    [Fact]
    public void TryNext_NonAsciiWords_CaseFolded()
    {
        var upper = Tokenize("ÉCOLE straße");
        var lower = Tokenize("école STRASSE");

        Assert.Equal(upper[0].Hash, lower[0].Hash);
        Assert.Equal(Hash64.Word("straße"), upper[1].Hash);
    }

    [Fact]
    public void TryNext_EmptyText_NoTokens()
    {
        Assert.Empty(Tokenize(string.Empty));
        Assert.Empty(Tokenize("   \t "));
    }

    private static List<PromptToken> Tokenize(string text)
    {
        var tokens = new List<PromptToken>();
        var tokenizer = new PromptTokenizer(text);
        while (tokenizer.TryNext(out var token))
        {
            tokens.Add(token);
        }

        return tokens.Where(t => !t.IsBreak).ToList();
    }
}
