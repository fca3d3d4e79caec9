using DistillGuard.Simulation.Text;

namespace DistillGuard.Simulation.Generation;

/// <summary>Decides what the model answers and how many tokens it takes, per task.</summary>
internal static class ResponseShaper
{
    private static readonly string[] ToolInputs =
    [
        "{\"path\":\"src/service/orders.py\"}", "{\"command\":\"pytest -q tests/\"}", "{\"pattern\":\"legacy_client\\\\.\",\"glob\":\"**/*.py\"}",
        "{\"query\":\"latest release notes\"}", "{\"sql\":\"SELECT id, status FROM tickets WHERE created_at > now() - interval '1 day'\"}",
        "{\"action\":\"screenshot\"}", "{\"action\":\"left_click\",\"coordinate\":[640,412]}", "{\"code\":\"import pandas as pd\\ndf = pd.read_csv('data.csv')\\nprint(df.describe())\"}",
    ];

    public static void Fill(ResponsePlan r, TaskKind task, bool thinking, bool toolCall, string? toolName, SimRandom random, int maxTokens)
    {
        var median = task switch
        {
            TaskKind.Coding or TaskKind.Debugging => 700,
            TaskKind.Reasoning or TaskKind.TraceReconstruction or TaskKind.LongHorizonPlanning => 900,
            TaskKind.Grading => 220,
            TaskKind.CustomerSupport or TaskKind.Translation => 120,
            TaskKind.AgenticToolUse or TaskKind.ComputerUse => 160,
            _ => 350,
        };
        r.Text = toolCall && random.Chance(0.6) ? string.Empty : ResponseText.For(task, random);
        r.OutputTokens = Math.Clamp((int)random.LogNormal(median, 0.6), 8, Math.Max(16, maxTokens));
        r.ReasoningTokens = 0;
        r.Thinking = null;
        if (thinking)
        {
            r.ReasoningTokens = Math.Clamp((int)random.LogNormal(2500, 0.7), 100, 32000);
            r.Thinking = ResponseText.ThinkingText(random);
            r.OutputTokens += r.ReasoningTokens;
        }

        if (toolCall && toolName is not null)
        {
            r.ToolName = toolName;
            r.ToolUseId = "toolu_" + StableHash.Hex(random.NextUInt64(), 12);
            r.ToolInputJson = random.Pick(ToolInputs);
            r.StopReason = "tool_use";
        }
        else
        {
            r.ToolName = null;
            r.ToolUseId = null;
            r.ToolInputJson = null;
            r.StopReason = r.OutputTokens >= maxTokens ? "max_tokens" : "end_turn";
        }
    }
}
