namespace DistillGuard.Simulation.Text;

/// <summary>What a simulated prompt asks for; maps onto the spec's capability names.</summary>
internal enum TaskKind
{
    GeneralChat,
    CreativeWriting,
    Coding,
    Debugging,
    AgenticToolUse,
    Reasoning,
    Grading,
    CensorshipRewrite,
    Cybersecurity,
    Vision,
    DataAnalysis,
    ComputerUse,
    TraceReconstruction,
    LongHorizonPlanning,
    Homework,
    Summarization,
    Translation,
    CustomerSupport,
}
