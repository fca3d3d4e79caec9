using System.Text.Json;

namespace DistillGuard.Core.Tests.Analysis;

/// <summary>
/// Real prompts from <c>../shared/data/</c> (see its README), read at run time and never copied into the repository.
/// Tests call <see cref="RequireFile"/>, which skips them with a clear message when the data is absent.
/// </summary>
internal static class SharedPromptData
{
    public sealed record ToolQuery(string Query, IReadOnlyList<string> ToolNames);

    public sealed record Instruction(string Id, string Text, IReadOnlyList<string> Inputs);

    public static string RequireFile(string relativePath)
    {
        var root = FindDataRoot();
        if (root is null)
        {
            Assert.Skip("Shared prompt data not found: expected ../shared/data/ relative to the repository root (see shared/data/README.md).");
        }

        var path = Path.Combine(root, relativePath);
        if (!File.Exists(path))
        {
            Assert.Skip($"Shared prompt data file missing: {path}");
        }

        return path;
    }

    public static IReadOnlyList<ToolQuery> LoadToolQueries(string path)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(path));
        var queries = new List<ToolQuery>();
        foreach (var item in document.RootElement.EnumerateArray())
        {
            var tools = new List<string>();
            foreach (var api in item.GetProperty("api_list").EnumerateArray())
            {
                tools.Add($"{api.GetProperty("tool_name").GetString()}_{api.GetProperty("api_name").GetString()}");
            }

            queries.Add(new ToolQuery(item.GetProperty("query").GetString()!, tools));
        }

        return queries;
    }

    public static IReadOnlyList<Instruction> LoadInstructions(string path)
    {
        var instructions = new List<Instruction>();
        foreach (var line in File.ReadLines(path))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            using var document = JsonDocument.Parse(line);
            var root = document.RootElement;
            var inputs = new List<string>();
            foreach (var instance in root.GetProperty("instances").EnumerateArray())
            {
                inputs.Add(instance.GetProperty("input").GetString() ?? string.Empty);
            }

            instructions.Add(new Instruction(root.GetProperty("id").GetString()!, root.GetProperty("instruction").GetString()!, inputs));
        }

        return instructions;
    }

    /// <summary>The user text an Alpaca-style client sends: the instruction, then the instance input when there is one.</summary>
    public static string AsPrompt(Instruction instruction, string input) =>
        input.Length == 0 ? instruction.Text : $"{instruction.Text}\n\nInput: {input}";

    private static string? FindDataRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "..", "shared", "data");
            if (File.Exists(Path.Combine(dir.FullName, "DistillGuard.slnx")) && Directory.Exists(candidate))
            {
                return Path.GetFullPath(candidate);
            }
        }

        return null;
    }
}
