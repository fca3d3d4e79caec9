namespace DistillGuard.Core.Log;

/// <summary>
/// One exchange (one API call: request and response) as the detection engine sees it,
/// read from the exchange log (spec: shared/spec/exchange-log.md) or built live by the gateway.
/// The engine never keeps a reference to an <see cref="Exchange"/> after <c>Observe</c> returns,
/// so readers may reuse instances.
/// </summary>
/// <remarks>
/// <b>Lifetime rule for readers.</b> <see cref="MergedExchangeReader"/> recycles instances: the exchange it
/// returns as <c>Current</c> (including its <see cref="Request"/>, <see cref="Response"/> and
/// <see cref="ExchangeRequest.ToolNames"/> list) is valid only until the next <c>MoveNext</c> or <c>Dispose</c>.
/// Copy what you need (the strings themselves are immutable and safe to keep); never keep the object.
/// <see cref="ExchangeParser"/> overwrites the instance it is given on every call.
/// </remarks>
public sealed class Exchange
{
    private ExchangeResponse? _spareResponse;

    /// <summary>When the request arrived, UTC.</summary>
    public DateTime Timestamp { get; set; }

    public string AccountId { get; set; } = string.Empty;
    public string? RequestId
    {
        get => RequestIdSlot.Text;
        set => RequestIdSlot.Text = value;
    }
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

    /// <summary>1-based line of the log file this exchange came from; 0 when it was not read from a file.</summary>
    public long SourceLine { get; internal set; }

    /// <summary>Index of the input file (in discovery order) this exchange came from; -1 when not read from a file.</summary>
    public int SourceFileIndex { get; internal set; } = -1;

    /// <summary>Where readers put <see cref="RequestId"/> without making a string (only the log writer and evidence read it).</summary>
    internal TextSlot RequestIdSlot { get; } = new();

    /// <summary>Features computed by <see cref="AnalyzedBy"/> while reading (<see cref="LogReaderOptions.Analyzer"/>).</summary>
    internal Analysis.ExchangeFeatures Features;

    internal Analysis.IExchangeAnalyzer? AnalyzedBy { get; set; }

    /// <summary>
    /// The short strings (address, agent, TLS fingerprint) are a log reader's pooled instances, which it keeps for
    /// many records anyway; the engine may remember them. A gateway's are fresh per request and must not be held.
    /// </summary>
    internal bool PooledStrings { get; set; }

    /// <summary>Clears every field so the instance can be filled again; keeps the nested objects for reuse.</summary>
    internal void Reset()
    {
        AnalyzedBy = null;
        PooledStrings = false;
        Timestamp = default;
        AccountId = string.Empty;
        RequestId = null;
        ApiKeyId = null;
        Ip = null;
        Asn = null;
        AsnOrg = null;
        AsnType = AsnType.Unknown;
        Country = null;
        UserAgent = null;
        TlsFingerprint = null;
        Status = null;
        LatencyMs = null;
        Api = ApiShape.Unknown;
        Model = null;
        Request.Reset();
        ClearResponse();
        Usage = default;
        SourceLine = 0;
        SourceFileIndex = -1;
    }

    /// <summary>Sets <see cref="Response"/> to null, keeping the instance for <see cref="UseResponse"/>.</summary>
    internal void ClearResponse()
    {
        if (Response is { } response)
        {
            _spareResponse = response;
        }

        Response = null;
    }

    /// <summary>Sets <see cref="Response"/> to a cleared instance, reusing the last one this exchange owned.</summary>
    internal ExchangeResponse UseResponse()
    {
        var response = Response ?? _spareResponse ?? new ExchangeResponse();
        response.Reset();
        Response = response;
        return response;
    }
}
