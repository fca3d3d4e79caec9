namespace DistillGuard.Gateway.Options;

/// <summary>What happens to raw reasoning in a suspect's responses.</summary>
public enum ReasoningPolicy
{
    /// <summary>Pass it through.</summary>
    Keep = 0,

    /// <summary>Remove thinking blocks / reasoning_content.</summary>
    Drop = 1,

    /// <summary>Replace it with a short fixed summary.</summary>
    Summarize = 2,
}
