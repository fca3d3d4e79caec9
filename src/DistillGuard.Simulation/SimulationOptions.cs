using System.ComponentModel.DataAnnotations;

namespace DistillGuard.Simulation;

/// <summary>How to generate a scenario. Same options and same prompt data → byte-identical output.</summary>
public sealed class SimulationOptions
{
    /// <summary>Seed of everything random except operator infrastructure (which derives from operator names). Default 1.</summary>
    public ulong Seed { get; set; } = 1;

    /// <summary>Multiplies account counts (honest and campaign); per-account behaviour is unchanged. Default 1.</summary>
    [Range(0.00001, 100)]
    public double Scale { get; set; } = 1;

    /// <summary>Overrides the scenario's length in days (campaigns are clipped to it). Null: the scenario's own.</summary>
    [Range(0.01, 400)]
    public double? Days { get; set; }

    /// <summary>Folder of real prompts (shared/data); null: found from the current directory; see <see cref="UseRealPrompts"/>.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>Whether to mix in real prompts when they are found. Default true.</summary>
    public bool UseRealPrompts { get; set; } = true;

    /// <summary>Throws <see cref="ArgumentException"/> naming the bad option.</summary>
    public void Validate()
    {
        if (!(Scale > 0) || Scale > 100)
        {
            throw new ArgumentException($"scale must be in (0, 100], got {Scale}", nameof(Scale));
        }

        if (Days is { } days && (!(days > 0) || days > 400))
        {
            throw new ArgumentException($"days must be in (0, 400], got {days}", nameof(Days));
        }
    }
}
