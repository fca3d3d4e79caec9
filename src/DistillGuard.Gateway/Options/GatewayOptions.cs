using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Options;

/// <summary>Everything the gateway reads from its configuration section <c>Gateway</c> (JSON file and/or env vars).</summary>
public sealed class GatewayOptions
{
    public const string SectionName = "Gateway";

    /// <summary><see cref="LogFormat"/> value: one text line per event.</summary>
    public const string TextLogFormat = "text";

    /// <summary><see cref="LogFormat"/> value: one JSON object per line.</summary>
    public const string JsonLogFormat = "json";

    /// <summary>Listen URLs, e.g. <c>http://127.0.0.1:8080</c>. Default: <c>http://127.0.0.1:8080</c>.</summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>Bearer token of the admin API. Required, at least 16 characters.</summary>
    [Required]
    public string AdminToken { get; set; } = string.Empty;

    /// <summary>The API-key → account store.</summary>
    [Required]
    [ValidateObjectMembers]
    public StoreOptions Store { get; set; } = new();

    /// <summary>Where and how exchanges are logged.</summary>
    [Required]
    [ValidateObjectMembers]
    public ExchangeLogOptions Log { get; set; } = new();

    /// <summary>The model APIs behind the gateway; at least one.</summary>
    [ValidateEnumeratedItems]
    public List<UpstreamOptions> Upstreams { get; set; } = [];

    /// <summary>Detection thresholds and enforcement rates.</summary>
    [Required]
    [ValidateObjectMembers]
    public PolicyOptions Policy { get; set; } = new();

    /// <summary>Countermeasures applied to accounts under each verdict.</summary>
    [Required]
    public CountermeasureOptions Countermeasures { get; set; } = new();

    /// <summary>Country and network policy.</summary>
    [Required]
    public RegionOptions Region { get; set; } = new();

    /// <summary>The certificate for https:// listen URLs (the gateway then fingerprints clients' TLS hellos).</summary>
    [Required]
    public TlsOptions Tls { get; set; } = new();

    /// <summary>
    /// Addresses (IPs or CIDR blocks) whose <c>X-Forwarded-For</c> and <c>X-Client-*</c> headers (country, ASN, TLS
    /// fingerprint) are believed.
    /// </summary>
    public List<string> TrustedProxies { get; set; } = [];

    /// <summary>
    /// How the console log is written: <c>text</c> (one line per event, default) or <c>json</c> (one JSON object per
    /// line, with the event id, category and each named field, for log shippers).
    /// </summary>
    [AllowedValues(TextLogFormat, JsonLogFormat)]
    public string LogFormat { get; set; } = TextLogFormat;

    /// <summary>Largest request body accepted, in bytes. Default 4 MiB.</summary>
    [Range(1024, 256 * 1024 * 1024)]
    public int MaxRequestBodyBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>Seconds between active health probes of each upstream. Default 5.</summary>
    [Range(0.05, 3600)]
    public double HealthCheckIntervalSeconds { get; set; } = 5;

    /// <summary>Seconds between moves of the engine's clock when traffic is quiet. Default 10.</summary>
    [Range(0.05, 3600)]
    public double EngineAdvanceSeconds { get; set; } = 10;

    /// <summary>Consecutive failed probes or forwarding errors after which an upstream is unhealthy. Default 3.</summary>
    [Range(1, 100)]
    public int UnhealthyAfterFailures { get; set; } = 3;
}
