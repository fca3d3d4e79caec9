namespace DistillGuard.Core.Analysis;

/// <summary>Wire names of <see cref="Capability"/> as the findings spec spells them.</summary>
public static class CapabilityNames
{
    /// <summary>Number of capabilities; arrays indexed by <see cref="Capability"/> have this length.</summary>
    public const int Count = 11;

    private static readonly string[] Names =
    [
        "other", "coding", "agentic_tool_use", "reasoning", "grading_reward", "censorship_rewrite",
        "cybersecurity", "vision", "data_analysis", "general_chat", "creative_writing",
    ];

    public static string ToWire(Capability capability) => Names[(int)capability];

    public static bool TryParse(string name, out Capability capability)
    {
        var index = Array.IndexOf(Names, name);
        capability = index < 0 ? Capability.Other : (Capability)index;
        return index >= 0;
    }
}
