using System.ComponentModel.DataAnnotations;

namespace DistillGuard.Gateway.Options;

/// <summary>What is done to one suspect's exchanges.</summary>
public sealed class CountermeasureSet
{
    /// <summary>What happens to raw reasoning (thinking blocks, reasoning_content) in responses. Default keep.</summary>
    public ReasoningPolicy Reasoning { get; set; } = ReasoningPolicy.Keep;

    /// <summary>Text that replaces withheld reasoning under <see cref="ReasoningPolicy.Summarize"/>.</summary>
    public string ReasoningSummary { get; set; } = "[reasoning withheld]";

    /// <summary>Cap on max_tokens / max_completion_tokens; null leaves it. </summary>
    [Range(1, int.MaxValue)]
    public int? MaxTokensCap { get; set; }

    /// <summary>Declare decoy tools in requests and strip calls to them from responses. Default false.</summary>
    public bool DecoyTools { get; set; }

    /// <summary>Names of the decoy tools injected when <see cref="DecoyTools"/> is on. Default <c>internal_knowledge_lookup</c>.</summary>
    /// <remarks>Empty by default because the configuration binder appends to, rather than replaces, a pre-filled list.</remarks>
    public List<string> DecoyToolNames { get; set; } = [];

    /// <summary>The decoy names in force.</summary>
    public IReadOnlyList<string> EffectiveDecoyToolNames => DecoyToolNames.Count > 0 ? DecoyToolNames : DefaultDecoyToolNames;

    private static readonly string[] DefaultDecoyToolNames = ["internal_knowledge_lookup"];

    /// <summary>This set without the decoys named: its other decoys, or none.</summary>
    internal CountermeasureSet WithoutDecoys(IReadOnlyCollection<string> names)
    {
        // A copy of every other setting, whatever the set grows to hold.
        var copy = (CountermeasureSet)MemberwiseClone();
        copy.DecoyToolNames = EffectiveDecoyToolNames.Where(name => !names.Contains(name)).ToList();
        copy.DecoyTools = copy.DecoyToolNames.Count > 0;
        return copy;
    }

    /// <summary>Whether this set changes anything.</summary>
    public bool IsActive => Reasoning != ReasoningPolicy.Keep || MaxTokensCap is not null || DecoyTools;
}
