namespace DistillGuard.Core.Log;

/// <summary>The envelope fields of an exchange-log line the parser reads (shared/spec/exchange-log.md).</summary>
internal enum EnvelopeField
{
    Other,
    Ts,
    AccountId,
    Request,
    Response,
    Ip,
    RequestId,
    ApiKeyId,
    Asn,
    AsnOrg,
    AsnType,
    Country,
    UserAgent,
    TlsFingerprint,
    Status,
    LatencyMs,
    Api,
    Usage,
}

/// <summary>
/// Names a property of the envelope with one length switch and one comparison, where a chain of comparisons cost
/// about eight per field and seventeen fields a line.
/// </summary>
internal static class EnvelopeFields
{
    private static readonly byte[][] Names =
    [
        [], "ts"u8.ToArray(), "account_id"u8.ToArray(), "request"u8.ToArray(), "response"u8.ToArray(), "ip"u8.ToArray(),
        "request_id"u8.ToArray(), "api_key_id"u8.ToArray(), "asn"u8.ToArray(), "asn_org"u8.ToArray(), "asn_type"u8.ToArray(),
        "country"u8.ToArray(), "user_agent"u8.ToArray(), "tls_fingerprint"u8.ToArray(), "status"u8.ToArray(),
        "latency_ms"u8.ToArray(), "api"u8.ToArray(), "usage"u8.ToArray(),
    ];

    /// <summary>The field named by the current property name of <paramref name="reader"/>.</summary>
    public static EnvelopeField Of(ref SpanJsonReader reader)
    {
        if (reader.ValueIsEscaped)
        {
            // An escaped name (never written by a real client): compare unescaped, one name at a time.
            for (var i = 1; i < Names.Length; i++)
            {
                if (reader.ValueTextEquals(Names[i]))
                {
                    return (EnvelopeField)i;
                }
            }

            return EnvelopeField.Other;
        }

        var name = reader.ValueSpan;
        var field = name.Length switch
        {
            2 => name[0] == (byte)'t' ? EnvelopeField.Ts : EnvelopeField.Ip,
            3 => name[2] == (byte)'n' ? EnvelopeField.Asn : EnvelopeField.Api,
            5 => EnvelopeField.Usage,
            6 => EnvelopeField.Status,
            7 => name[0] switch { (byte)'r' => EnvelopeField.Request, (byte)'a' => EnvelopeField.AsnOrg, _ => EnvelopeField.Country },
            8 => name[0] == (byte)'r' ? EnvelopeField.Response : EnvelopeField.AsnType,
            10 => name[0] switch
            {
                (byte)'a' => name[1] == (byte)'c' ? EnvelopeField.AccountId : EnvelopeField.ApiKeyId,
                (byte)'r' => EnvelopeField.RequestId,
                (byte)'u' => EnvelopeField.UserAgent,
                _ => EnvelopeField.LatencyMs,
            },
            15 => EnvelopeField.TlsFingerprint,
            _ => EnvelopeField.Other,
        };

        // The switch picked the only candidate of its shape; the comparison confirms it.
        return field != EnvelopeField.Other && name.SequenceEqual(Names[(int)field]) ? field : EnvelopeField.Other;
    }
}
