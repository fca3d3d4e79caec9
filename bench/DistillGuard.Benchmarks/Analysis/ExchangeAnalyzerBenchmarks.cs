using BenchmarkDotNet.Attributes;
using DistillGuard.Core.Analysis;
using DistillGuard.Core.Log;

namespace DistillGuard.Benchmarks.Analysis;

/// <summary>
/// Per-exchange analysis cost (tokenize + template id + SimHash + capability + CoT) on prompts of realistic sizes.
/// Run: dotnet run -c Release --project bench/DistillGuard.Benchmarks -- --filter '*ExchangeAnalyzerBenchmarks*'
/// </summary>
[MemoryDiagnoser]
public class ExchangeAnalyzerBenchmarks
{
    private const string MathCampaignPrompt =
        "Solve the following problem. Think step by step and show every step of your reasoning before the final answer.\n\n" +
        "Problem: A train leaves Boston at 9:15 and travels 240 km at 80 km/h, then stops for 25 minutes and continues " +
        "another 130 km at 65 km/h. At what time does it arrive, and what was its average speed over the whole trip?";

    private const string ChatPrompt = "hey, can you recommend a good book for a long flight? I liked Project Hail Mary.";

    private readonly ExchangeAnalyzer _analyzer = new();
    private Exchange _short = null!;
    private Exchange _medium = null!;
    private Exchange _long = null!;
    private Exchange _agentic = null!;

    [GlobalSetup]
    public void Setup()
    {
        _short = Create(ChatPrompt, system: null);
        _medium = Create(MathCampaignPrompt, system: "You are a meticulous mathematics tutor. Always double-check arithmetic.");
        _long = Create(LongCodeReviewPrompt(), system: "You are a senior software engineer at Acme Corp. Be concise and precise.");
        _agentic = Create(string.Empty, system: LongSystemPrompt(), tools: ["read_file", "write_file", "run_tests", "search_code"], toolResults: 3);
    }

    /// <summary>~90 characters, no system prompt.</summary>
    [Benchmark(Baseline = true)]
    public ExchangeFeatures ShortChat() => _analyzer.Analyze(_short);

    /// <summary>~400 characters: templated CoT-eliciting math prompt plus system prompt.</summary>
    [Benchmark]
    public ExchangeFeatures MediumTemplated() => _analyzer.Analyze(_medium);

    /// <summary>~3 KB: code review with a fenced code block, quoted text and identifiers.</summary>
    [Benchmark]
    public ExchangeFeatures LongCodeReview() => _analyzer.Analyze(_long);

    /// <summary>Agentic turn: ~2 KB system prompt (repeats, so the per-thread cache serves it), tools declared, tool results, empty user text.</summary>
    [Benchmark]
    public ExchangeFeatures AgenticToolTurn() => _analyzer.Analyze(_agentic);

    private static Exchange Create(string user, string? system, IReadOnlyList<string>? tools = null, int toolResults = 0) => new()
    {
        AccountId = "acct_bench",
        Api = ApiShape.AnthropicMessages,
        Request = new ExchangeRequest
        {
            SystemPrompt = system,
            LastUserText = user,
            UserTurns = 1,
            ToolNames = tools ?? [],
            ToolResultCount = toolResults,
            MaxTokens = 4096,
            ThinkingBudget = 6000,
        },
    };

    private static string LongCodeReviewPrompt()
    {
        var code = string.Concat(Enumerable.Repeat(
            "def parse_order(line: str) -> Order:\n    fields = line.split(',')\n    if len(fields) != 4:\n        raise ValueError(f\"bad line: {line}\")\n    return Order(int(fields[0]), fields[1].strip(), float(fields[2]), fields[3])\n\n", 12));
        return "Please review the following Python module from our billing service. The function `parse_order` is called by " +
               "\"nightly_import.py\" for every row of orders_2026_04.csv, and Jane Doe reported that some rows are silently dropped.\n" +
               "List every bug you find, explain why it happens, and rewrite the code so that it is idiomatic, typed and fast.\n\n" +
               "Code:\n```python\n" + code + "```\n\nAlso suggest unit tests with pytest, and tell me whether the error handling is adequate.";
    }

    private static string LongSystemPrompt() => string.Concat(Enumerable.Repeat(
        "You are a coding agent working inside the user's repository. Use the tools to read files, edit them and run the tests. " +
        "Never run destructive commands. Prefer small, reviewable changes and explain each change briefly. ", 10));
}
