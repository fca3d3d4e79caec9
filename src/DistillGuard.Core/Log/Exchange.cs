namespace DistillGuard.Core.Log;

/// <summary>
/// One exchange (one API call: request and response) as the detection engine sees it,
/// read from the exchange log (spec: shared/spec/exchange-log.md) or built live by the gateway.
/// The engine never keeps a reference to an <see cref="Exchange"/> after <c>Observe</c> returns,
/// so readers may reuse instances.
/// </summary>
public sealed class Exchange
{
    /// <summary>When the request arrived, UTC.</summary>
    public DateTime Timestamp { get; set; }

    public string AccountId { get; set; } = string.Empty;
    public string? RequestId { get; set; }
    public string? ApiKeyId { get; set; }
    public string? Ip { get; set; }
    public int? Asn { get; set; }
    public string? AsnOrg { get; set; }
    public AsnType AsnType { get; set; }

    /// <summary>ISO 3166-1 alpha-2, upper case.</summary>
    public string? Country { get; set; }

    public string? UserAgent { get; set; }
    public string? TlsFingerprint { get; set; }
    public int? Status { get; set; }
    public double? LatencyMs { get; set; }
    public ApiShape Api { get; set; }
    public string? Model { get; set; }
    public ExchangeRequest Request { get; set; } = new();
    public ExchangeResponse? Response { get; set; }
    public TokenUsage Usage { get; set; }
}
