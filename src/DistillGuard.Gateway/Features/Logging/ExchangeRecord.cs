using DistillGuard.Core.Log;

namespace DistillGuard.Gateway.Features.Logging;

/// <summary>
/// One finished exchange on its way from the request path to the log consumer; pooled and reused, with the
/// bodies in pooled buffers. Or, when <see cref="Control"/> is set, a piece of work that must run on the
/// engine thread (adding an account, building findings).
/// </summary>
internal sealed class ExchangeRecord
{
    /// <summary>Metadata in the log's terms; its normalised Request/Response are filled by the consumer.</summary>
    public Exchange Meta { get; } = new();

    /// <summary>The request body exactly as the client sent it.</summary>
    public ByteSink Request { get; } = new();

    /// <summary>The response body exactly as the client received it (SSE or JSON).</summary>
    public ByteSink Response { get; } = new();

    /// <summary>The response was an SSE stream to be reassembled for the log.</summary>
    public bool ResponseIsStream { get; set; }

    /// <summary>Work for the engine thread instead of an exchange.</summary>
    public EngineWork? Control { get; set; }

    public void Reset()
    {
        Request.Reset();
        Response.Reset();
        ResponseIsStream = false;
        Control = null;
        var m = Meta;
        m.RequestId = null;
        m.ApiKeyId = null;
        m.Ip = null;
        m.Asn = null;
        m.AsnOrg = null;
        m.AsnType = AsnType.Unknown;
        m.Country = null;
        m.UserAgent = null;
        m.TlsFingerprint = null;
        m.Status = null;
        m.LatencyMs = null;
        m.Model = null;
        m.Response = null;
        m.Usage = default;
        m.Api = ApiShape.Unknown;
        m.AccountId = string.Empty;
    }
}
