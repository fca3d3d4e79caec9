using System.ComponentModel.DataAnnotations;

namespace DistillGuard.Gateway.Options;

/// <summary>The second source for an upstream's traffic.</summary>
public sealed class FallbackOptions
{
    /// <summary>Name of the fallback upstream (may use the other API shape: requests and responses are translated).</summary>
    [Required]
    public string Upstream { get; set; } = string.Empty;

    /// <summary>Model to ask the fallback for; default the fallback's first model.</summary>
    public string? Model { get; set; }
}
