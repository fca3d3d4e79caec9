using System.Text;
using DistillGuard.Simulation.Generation;
using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Tests.Generation;

public sealed class RealPromptDataTests
{
    [Fact]
    public void Load_MissingFolder_FallsBackToNone()
    {
        var data = RealPromptData.Load(Path.Combine(Path.GetTempPath(), "no-such-shared-data-" + Guid.NewGuid()));

        Assert.Same(RealPromptData.None, data);
        Assert.True(data.IsEmpty);
    }

    [Fact]
    public void Exchanges_WithoutRealPrompts_StillGenerate()
    {
        var run = ScenarioRun.Create("default", new SimulationOptions { Seed = 2, Scale = 0.02, Days = 2, UseRealPrompts = false });

        Assert.Null(run.PromptDataSource);
        Assert.True(run.Exchanges().Any());
    }

    [Fact]
    public void Exchanges_WithSharedData_MixRealInstructionsIntoHonestTraffic()
    {
        var data = RealPromptData.Load();
        if (data.IsEmpty)
        {
            Assert.Skip("shared/data (Self-Instruct, ToolBench) not found next to the checkout; real-prompt mixing not tested");
        }

        Assert.True(data.Instructions.Count >= 400, $"{data.Instructions.Count} instructions");
        Assert.NotEmpty(data.ToolQueries);
        var run = ScenarioRun.Create("default", new SimulationOptions { Seed = 2, Scale = 0.05, Days = 3 });
        var probes = data.Instructions.Take(400).Select(i => JsonEscaped(i.Split('\n')[0])).Where(p => p.Length > 30).ToList();
        var hits = 0;
        foreach (var x in run.Exchanges())
        {
            if (x.Label is "casual_chat" or "campus_student")
            {
                var body = Encoding.UTF8.GetString(x.RequestJson.Span);
                hits += probes.Any(p => body.Contains(p, StringComparison.Ordinal)) ? 1 : 0;
            }
        }

        Assert.True(hits > 10, $"only {hits} requests carried a real instruction");
        Assert.NotNull(run.BuildTruth().PromptData);
    }

    private static string JsonEscaped(string text) => System.Text.Json.JsonSerializer.Serialize(text, new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping })[1..^1];
}
