using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Options;

/// <summary>One model API behind the gateway.</summary>
public sealed class UpstreamOptions
{
    /// <summary>Unique name, used by fallbacks, metrics and headers.</summary>
    [Required]
    public string Name { get; set; } = string.Empty;

    /// <summary><c>anthropic.messages</c> or <c>openai.chat</c>.</summary>
    [Required]
    public string Api { get; set; } = string.Empty;

    /// <summary>Base URL, e.g. <c>https://api.example.com</c>; the API path (<c>/v1/messages</c>, <c>/v1/chat/completions</c>) is appended.</summary>
    [Required]
    public string BaseUrl { get; set; } = string.Empty;

    /// <summary>Key the gateway presents upstream (clients' keys never leave the gateway). Optional.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Models this upstream serves.</summary>
    public List<string> Models { get; set; } = [];

    /// <summary>Lower wins when several upstreams serve a model. Default 0.</summary>
    public int Priority { get; set; }

    /// <summary>Models withdrawn here: their traffic goes to <see cref="Fallback"/>.</summary>
    public List<string> SuspendedModels { get; set; } = [];

    /// <summary>Where traffic goes when this upstream is unhealthy or a model is suspended. Optional.</summary>
    [ValidateObjectMembers]
    public FallbackOptions? Fallback { get; set; }

    /// <summary>Path probed with GET for health; empty disables active probes. Default <c>/health</c>.</summary>
    public string HealthPath { get; set; } = "/health";
}
