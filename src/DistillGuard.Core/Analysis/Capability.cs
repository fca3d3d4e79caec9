namespace DistillGuard.Core.Analysis;

/// <summary>The capability taxonomy of the findings spec. Values index arrays, so keep them dense.</summary>
public enum Capability : byte
{
    Other = 0,
    Coding,
    AgenticToolUse,
    Reasoning,
    GradingReward,
    CensorshipRewrite,
    Cybersecurity,
    Vision,
    DataAnalysis,
    GeneralChat,
    CreativeWriting,
}
