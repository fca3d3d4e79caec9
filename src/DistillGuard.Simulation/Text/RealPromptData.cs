using System.Text.Json;

namespace DistillGuard.Simulation.Text;

/// <summary>
/// Real prompts written by people outside the project (shared/data: Self-Instruct seed and user-oriented tasks,
/// ToolBench queries), read at run time and never copied into the repository. When the folder is absent the
/// simulator falls back to its own generators; <see cref="Source"/> says which happened (it is recorded in the truth file).
/// </summary>
public sealed class RealPromptData
{
    private RealPromptData(string? source, IReadOnlyList<string> instructions, IReadOnlyList<string> toolQueries)
    {
        Source = source;
        Instructions = instructions;
        ToolQueries = toolQueries;
    }

    /// <summary>An empty set: only the built-in generators are used.</summary>
    public static RealPromptData None { get; } = new(null, [], []);

    /// <summary>The folder the prompts came from, or null when none were found.</summary>
    public string? Source { get; }

    /// <summary>Self-Instruct instructions, each with its first instance input appended when it has one.</summary>
    public IReadOnlyList<string> Instructions { get; }

    /// <summary>ToolBench user queries that expect tool calls.</summary>
    public IReadOnlyList<string> ToolQueries { get; }

    public bool IsEmpty => Instructions.Count == 0 && ToolQueries.Count == 0;

    /// <summary>
    /// Loads from <paramref name="dataDirectory"/> when given, otherwise from <c>../shared/data</c> relative to the
    /// first ancestor of the current directory that holds <c>DistillGuard.slnx</c>. Returns <see cref="None"/> when absent.
    /// </summary>
    public static RealPromptData Load(string? dataDirectory = null)
    {
        var dir = dataDirectory ?? Locate(Directory.GetCurrentDirectory()) ?? Locate(AppContext.BaseDirectory);
        if (dir is null || !Directory.Exists(dir))
        {
            return None;
        }

        var instructions = new List<string>();
        ReadInstructions(Path.Combine(dir, "self-instruct", "seed_tasks.jsonl"), instructions);
        ReadInstructions(Path.Combine(dir, "self-instruct", "user_oriented_instructions.jsonl"), instructions);
        var tools = new List<string>();
        ReadToolQueries(Path.Combine(dir, "toolbench", "G1_query.json"), tools);
        return instructions.Count == 0 && tools.Count == 0 ? None : new RealPromptData(Path.GetFullPath(dir), instructions, tools);
    }

    /// <summary>The shared data folder for a repository checkout at or above <paramref name="start"/>, if any.</summary>
    public static string? Locate(string start)
    {
        for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DistillGuard.slnx")))
            {
                var candidate = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "data"));
                return Directory.Exists(candidate) ? candidate : null;
            }
        }

        return null;
    }

    private static void ReadInstructions(string path, List<string> into)
    {
        if (!File.Exists(path))
        {
            return;
        }

        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var doc = JsonDocument.Parse(line);
            var root = doc.RootElement;
            if (!root.TryGetProperty("instruction", out var instruction) || instruction.GetString() is not { Length: > 0 } text)
            {
                continue;
            }

            if (root.TryGetProperty("instances", out var instances) && instances.ValueKind == JsonValueKind.Array && instances.GetArrayLength() > 0
                && instances[0].TryGetProperty("input", out var input) && input.GetString() is { Length: > 0 } inputText)
            {
                text = text + "\n\n" + inputText;
            }

            into.Add(text);
        }
    }

    private static void ReadToolQueries(string path, List<string> into)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        foreach (var item in doc.RootElement.EnumerateArray())
        {
            if (item.TryGetProperty("query", out var query) && query.GetString() is { Length: > 0 } text)
            {
                into.Add(text);
            }
        }
    }
}
