namespace DistillGuard.Simulation.Text;

/// <summary>Stable names of <see cref="TaskKind"/> (used in docs and truth metadata) and their spec capability.</summary>
internal static class TaskKindNames
{
    public static string ToName(TaskKind kind) => kind switch
    {
        TaskKind.GeneralChat => "general_chat",
        TaskKind.CreativeWriting => "creative_writing",
        TaskKind.Coding => "coding",
        TaskKind.Debugging => "debugging",
        TaskKind.AgenticToolUse => "agentic_tool_use",
        TaskKind.Reasoning => "reasoning",
        TaskKind.Grading => "grading_reward",
        TaskKind.CensorshipRewrite => "censorship_rewrite",
        TaskKind.Cybersecurity => "cybersecurity",
        TaskKind.Vision => "vision",
        TaskKind.DataAnalysis => "data_analysis",
        TaskKind.ComputerUse => "computer_use",
        TaskKind.TraceReconstruction => "trace_reconstruction",
        TaskKind.LongHorizonPlanning => "long_horizon_planning",
        TaskKind.Homework => "homework",
        TaskKind.Summarization => "summarization",
        TaskKind.Translation => "translation",
        _ => "customer_support",
    };

    /// <summary>The spec capability a detector should assign (shared/spec/findings.md).</summary>
    public static string ToCapability(TaskKind kind) => kind switch
    {
        TaskKind.Coding or TaskKind.Debugging => "coding",
        TaskKind.AgenticToolUse or TaskKind.ComputerUse or TaskKind.LongHorizonPlanning => "agentic_tool_use",
        TaskKind.Reasoning or TaskKind.TraceReconstruction or TaskKind.Homework => "reasoning",
        TaskKind.Grading => "grading_reward",
        TaskKind.CensorshipRewrite => "censorship_rewrite",
        TaskKind.Cybersecurity => "cybersecurity",
        TaskKind.Vision => "vision",
        TaskKind.DataAnalysis => "data_analysis",
        TaskKind.CreativeWriting => "creative_writing",
        _ => "general_chat",
    };

    public static bool TryParse(string name, out TaskKind kind)
    {
        foreach (var value in Enum.GetValues<TaskKind>())
        {
            if (ToName(value) == name)
            {
                kind = value;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
