using DistillGuard.Core.Analysis;

namespace DistillGuard.Core.Tests.Analysis;

/// <summary>Per-exchange analysis on real prompts nobody on this project wrote (shared/data).</summary>
public sealed class SharedDataAnalysisTests(ITestOutputHelper output)
{
    private static readonly string[] InstructionFiles = ["self-instruct/seed_tasks.jsonl", "self-instruct/user_oriented_instructions.jsonl"];

    [Fact]
    public void Analyze_ToolBenchQueriesWithDeclaredTools_AgenticToolUse()
    {
        var queries = SharedPromptData.LoadToolQueries(SharedPromptData.RequireFile("toolbench/G1_query.json"));
        Assert.NotEmpty(queries);

        var agentic = 0;
        foreach (var query in queries)
        {
            var features = ExchangeFactory.Analyzer.Analyze(ExchangeFactory.Create(query.Query, tools: query.ToolNames));
            agentic += features.Capability == Capability.AgenticToolUse ? 1 : 0;
        }

        output.WriteLine($"toolbench: {agentic}/{queries.Count} agentic_tool_use");
        Assert.True(agentic >= 0.9 * queries.Count, $"{agentic}/{queries.Count} agentic");
    }

    [Fact]
    public void Analyze_SelfInstructInstructions_MostlyNotCodingAndSpread()
    {
        var counts = new int[CapabilityNames.Count];
        var total = 0;
        foreach (var file in InstructionFiles)
        {
            foreach (var instruction in SharedPromptData.LoadInstructions(SharedPromptData.RequireFile(file)))
            {
                var input = instruction.Inputs.Count > 0 ? instruction.Inputs[0] : string.Empty;
                var features = ExchangeFactory.Analyze(SharedPromptData.AsPrompt(instruction, input));
                counts[(int)features.Capability]++;
                total++;
            }
        }

        for (var i = 0; i < counts.Length; i++)
        {
            output.WriteLine($"{CapabilityNames.ToWire((Capability)i),-20} {counts[i],4} {100.0 * counts[i] / total,5:F1}%");
        }

        var coding = (double)counts[(int)Capability.Coding] / total;
        var used = counts.Count(c => c >= 0.03 * total);
        var largest = (double)counts.Max() / total;
        Assert.True(total > 400, $"only {total} instructions read");
        Assert.True(coding < 0.25, $"coding share {coding:P1}");
        Assert.True(used >= 5, $"only {used} capabilities hold at least 3% of instructions");
        Assert.True(largest < 0.7, $"one capability holds {largest:P1}");
    }

    [Fact]
    public void Analyze_SelfInstructInTemplateWithDifferentSlots_SharesTemplateIdAcrossSlotsNotAcrossTasks()
    {
        const string Template = "You are assisting customer #{0} of {1}. Today's date is {2}.\n\n{3}\n\nInput: {4}\n\nAnswer in at most {5} words.";
        var instructions = new List<SharedPromptData.Instruction>();
        foreach (var file in InstructionFiles)
        {
            instructions.AddRange(SharedPromptData.LoadInstructions(SharedPromptData.RequireFile(file)));
        }

        var sameTemplateHits = 0;
        var ids = new Dictionary<ulong, int>();
        foreach (var instruction in instructions)
        {
            var a = ExchangeFactory.Analyze(string.Format(Template, 4521, "Acme Retail", "2026-04-22", instruction.Text, "first slot value", 120));
            var b = ExchangeFactory.Analyze(string.Format(Template, 77, "Globex", "2026-05-01", instruction.Text, "a different, longer slot value with 3 numbers 4 5", 50));
            sameTemplateHits += a.TemplateId == b.TemplateId ? 1 : 0;
            ids[a.TemplateId] = ids.GetValueOrDefault(a.TemplateId) + 1;
        }

        var sameRate = (double)sameTemplateHits / instructions.Count;
        var collidingTasks = ids.Values.Where(n => n > 1).Sum();
        var collisionRate = (double)collidingTasks / instructions.Count;
        output.WriteLine($"same task, different slots -> same id: {sameRate:P1}; different tasks sharing an id: {collidingTasks}/{instructions.Count} ({collisionRate:P1})");
        Assert.True(sameRate >= 0.98, $"same-template rate {sameRate:P1}");
        Assert.True(collisionRate < 0.05, $"collision rate {collisionRate:P1}");
    }

    [Fact]
    public void Analyze_UnrelatedSelfInstructInstructions_SketchesRarelyNearDuplicate()
    {
        var instructions = SharedPromptData.LoadInstructions(SharedPromptData.RequireFile(InstructionFiles[0]));
        var sketches = instructions.Select(i => ExchangeFactory.Analyze(i.Text).Sketch).ToArray();

        var pairs = 0;
        var near = 0;
        var histogram = new int[65];
        long distanceSum = 0;
        for (var i = 0; i < sketches.Length; i++)
        {
            for (var j = i + 1; j < sketches.Length; j++)
            {
                var d = Sketch.Hamming(sketches[i], sketches[j]);
                distanceSum += d;
                histogram[d]++;
                near += d <= Sketch.NearDuplicateDistance ? 1 : 0;
                pairs++;
            }
        }

        var nearRate = (double)near / pairs;
        for (int limit = 10, cumulative = 0, d = 0; limit <= 20; limit += 2)
        {
            for (; d <= limit; d++)
            {
                cumulative += histogram[d];
            }

            output.WriteLine($"distance <= {limit}: {cumulative} pairs ({(double)cumulative / pairs:P2})");
        }

        output.WriteLine($"unrelated pairs: {pairs}, mean distance {(double)distanceSum / pairs:F1}, near duplicates {near} ({nearRate:P2})");
        Assert.True((double)distanceSum / pairs > 24, "mean distance between unrelated instructions");
        Assert.True(nearRate < 0.01, $"near-duplicate rate {nearRate:P2}");
    }
}
