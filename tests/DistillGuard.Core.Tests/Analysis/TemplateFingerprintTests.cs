namespace DistillGuard.Core.Tests.Analysis;

public sealed class TemplateFingerprintTests
{
    private const string MathTemplate =
        "Solve the following problem. Think step by step and show every step of your reasoning before the final answer.\n\nProblem: {0}";

    [Theory]
    [InlineData("If 3 apples cost $1.20, how much do 7 apples cost?", "A train leaves Boston at 9:15 and travels 240 km at 80 km/h. When does it arrive?")]
    [InlineData("Alice has 12 marbles.", "Prove that there are infinitely many primes.\nUse contradiction.")]
    public void Analyze_SameTemplateDifferentProblem_SameTemplateId(string first, string second)
    {
        var a = ExchangeFactory.Analyze(string.Format(MathTemplate, first));
        var b = ExchangeFactory.Analyze(string.Format(MathTemplate, second));

        Assert.Equal(a.TemplateId, b.TemplateId);
        Assert.True(a.FrameWords >= 15, $"frame words {a.FrameWords}");
    }

    [Fact]
    public void Analyze_SlotsOfEveryKind_SameTemplateId()
    {
        const string Template = "Hi, I am writing to {0} about order {1}. Please review \"{2}\" at {3} and email {4}, then run `{5}` on {6}:\n\n```python\n{7}\n```\n\nThanks.";
        var a = ExchangeFactory.Analyze(string.Format(Template, "Maria Lopez", "#4521", "the blue widget", "https://shop.example.com/a?b=1", "maria@example.com", "make all", "user_table.csv", "print(1)"));
        var b = ExchangeFactory.Analyze(string.Format(Template, "Bob", "#77", "a completely different quoted sentence here", "http://x.org", "b.smith@corp.example", "ls -la /tmp", "ordersTable", "def f(x):\n    return x * 2\n\nprint(f(3))"));

        Assert.Equal(a.TemplateId, b.TemplateId);
    }

    [Fact]
    public void Analyze_CaseAndWrapping_DoNotChangeTemplateId()
    {
        var a = ExchangeFactory.Analyze("Summarize the text below in three bullet points.\nKeep it short.");
        var b = ExchangeFactory.Analyze("summarize the text below in three bullet points. KEEP IT SHORT.");

        Assert.Equal(a.TemplateId, b.TemplateId);
    }

    [Fact]
    public void Analyze_DifferentTemplates_DifferentTemplateIds()
    {
        var a = ExchangeFactory.Analyze(string.Format(MathTemplate, "What is 2+2?"));
        var b = ExchangeFactory.Analyze("Translate the following sentence into French.\n\nSentence: What is 2+2?");
        var c = ExchangeFactory.Analyze("Write a haiku about the sea.");

        Assert.NotEqual(a.TemplateId, b.TemplateId);
        Assert.NotEqual(a.TemplateId, c.TemplateId);
        Assert.NotEqual(b.TemplateId, c.TemplateId);
    }

    [Fact]
    public void Analyze_SystemPromptFrame_PartOfTemplateId()
    {
        var a = ExchangeFactory.Analyze("Problem: 2+2", system: "You are a careful math tutor.");
        var b = ExchangeFactory.Analyze("Problem: 3+5", system: "You are a careful math tutor.");
        var c = ExchangeFactory.Analyze("Problem: 2+2", system: "You are a pirate who answers in rhymes.");

        Assert.Equal(a.TemplateId, b.TemplateId);
        Assert.NotEqual(a.TemplateId, c.TemplateId);
        Assert.Equal(a.UserTemplateId, c.UserTemplateId);
        Assert.NotEqual(a.SystemPromptId, c.SystemPromptId);
    }

    [Fact]
    public void Analyze_SystemPromptWithSlots_SameSystemPromptId()
    {
        var a = ExchangeFactory.Analyze("hi", system: "You are the assistant of Acme Corp. Today is 2026-04-22. The user's name is Jane.");
        var b = ExchangeFactory.Analyze("hello", system: "You are the assistant of Globex Corp. Today is 2026-05-01. The user's name is Omar.");

        Assert.Equal(a.SystemPromptId, b.SystemPromptId);
        Assert.NotEqual(0UL, a.SystemPromptId);
    }

    [Fact]
    public void Analyze_NoSystemPrompt_ZeroSystemPromptId()
    {
        Assert.Equal(0UL, ExchangeFactory.Analyze("hello there").SystemPromptId);
    }

    [Fact]
    public void Analyze_LabelLinesEndPayload_FrameAfterPayloadCounts()
    {
        var a = ExchangeFactory.Analyze("Question: why is the sky blue?\nAnswer: Rayleigh scattering.\n\nRate the answer from 1 to 10.");
        var b = ExchangeFactory.Analyze("Question: what is 2+2?\nAnswer: 5\n\nRate the answer from 1 to 10.");
        var c = ExchangeFactory.Analyze("Question: what is 2+2?\nAnswer: 5\n\nExplain why the answer is wrong.");

        Assert.Equal(a.TemplateId, b.TemplateId);
        Assert.NotEqual(b.TemplateId, c.TemplateId);
    }

    [Fact]
    public void Analyze_ColonEndingLineIntroducesPayload_SameTemplateId()
    {
        var a = ExchangeFactory.Analyze("Solve the following problem:\n\nA farmer has chickens and cows, 30 heads and 74 legs in all. How many cows are there?\n\nGive only the final number.");
        var b = ExchangeFactory.Analyze("Solve the following problem:\n\nwhat is the smallest prime larger than one hundred?\n\nGive only the final number.");

        Assert.Equal(a.TemplateId, b.TemplateId);
    }

    [Fact]
    public void Analyze_VerbLabelLineThenInstruction_SameTemplateIdKeepsInstruction()
    {
        var a = ExchangeFactory.Analyze("Solve: a farmer has seventeen sheep and all but nine run away\nGive the final answer on its own line.");
        var b = ExchangeFactory.Analyze("Solve: what is the sum of the first hundred odd numbers\nGive the final answer on its own line.");
        var c = ExchangeFactory.Analyze("Solve: what is the sum of the first hundred odd numbers\nExplain it to a child.");

        Assert.Equal(a.TemplateId, b.TemplateId);
        Assert.NotEqual(b.TemplateId, c.TemplateId);
    }

    [Fact]
    public void Analyze_FreeTextWithoutSlots_CountsFrameWords()
    {
        var features = ExchangeFactory.Analyze("what should i cook for dinner tonight with rice and beans");

        Assert.Equal(11, features.FrameWords);
        Assert.Equal(0, features.SlotRuns);
    }
}
