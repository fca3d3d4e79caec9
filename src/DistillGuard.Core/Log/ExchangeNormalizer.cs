using System.Text.Json;

namespace DistillGuard.Core.Log;

/// <summary>
/// Fills <see cref="ExchangeRequest"/>/<see cref="ExchangeResponse"/> from raw request and response bodies of either
/// API shape — the same code <see cref="ExchangeParser"/> uses for log lines, for the live gateway.
/// Not thread-safe (it reuses buffers): keep one per thread, e.g. <see cref="ForCurrentThread"/>.
/// </summary>
public sealed class ExchangeNormalizer
{
    [ThreadStatic]
    private static ExchangeNormalizer? _perThread;

    private const int MaxDepth = SpanJsonReader.DepthLimit;
    private readonly BodyNormalizer _bodies;

    /// <param name="maxTextChars">Characters kept per text field (see <see cref="LogReaderOptions.MaxTextChars"/>).</param>
    /// <param name="maxResponseTextChars">Characters of response text kept; null means <paramref name="maxTextChars"/> (see <see cref="LogReaderOptions.MaxResponseTextChars"/>).</param>
    public ExchangeNormalizer(int maxTextChars = 16 * 1024, int? maxResponseTextChars = null)
    {
        _bodies = new BodyNormalizer(maxTextChars, maxResponseTextChars);
    }

    /// <summary>A normaliser owned by the calling thread (use it synchronously, not across an <c>await</c>).</summary>
    public static ExchangeNormalizer ForCurrentThread => _perThread ??= new ExchangeNormalizer();

    /// <summary>
    /// Normalises a request body into <paramref name="target"/> (overwritten). Returns false when the body is not a
    /// JSON object. <paramref name="detected"/> is the shape the body shows (Unknown when it cannot be told);
    /// <paramref name="model"/> its <c>model</c>.
    /// </summary>
    public bool TryNormalizeRequest(ReadOnlySpan<byte> body, ExchangeRequest target, out ApiShape detected, out string? model)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Reset();
        detected = ApiShape.Unknown;
        model = null;
        try
        {
            var reader = new SpanJsonReader(body, MaxDepth);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var evidence = default(ShapeEvidence);
            _bodies.ReadRequest(ref reader, target, ref evidence, out model);
            detected = evidence.Verdict;
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string holding invalid UTF-8 that the reader refuses to unescape.
            return false;
        }
    }

    /// <summary>
    /// Normalises a (non-streamed) response body into <paramref name="target"/> (overwritten). Returns false when the
    /// body is not a JSON object. <paramref name="usage"/> is the body's <c>usage</c> in either naming, when present.
    /// </summary>
    public bool TryNormalizeResponse(ReadOnlySpan<byte> body, ExchangeResponse target, out TokenUsage? usage)
    {
        ArgumentNullException.ThrowIfNull(target);
        target.Reset();
        usage = null;
        try
        {
            var reader = new SpanJsonReader(body, MaxDepth);
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                return false;
            }

            var evidence = default(ShapeEvidence);
            _bodies.ReadResponse(ref reader, target, ref evidence, out usage, out _);
            return true;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a string holding invalid UTF-8 that the reader refuses to unescape.
            return false;
        }
    }

    /// <summary>
    /// Fills <paramref name="exchange"/>'s <see cref="Exchange.Request"/>, <see cref="Exchange.Response"/> (null when
    /// <paramref name="responseBody"/> is empty or not JSON), <see cref="Exchange.Model"/>, <see cref="Exchange.Usage"/>
    /// (when the response has one) and, when it is Unknown, <see cref="Exchange.Api"/>. Envelope metadata (time,
    /// account, IP...) is the caller's. Returns false when the request body is not a JSON object.
    /// </summary>
    public bool TryNormalize(ReadOnlySpan<byte> requestBody, ReadOnlySpan<byte> responseBody, Exchange exchange)
    {
        ArgumentNullException.ThrowIfNull(exchange);
        var requestOk = TryNormalizeRequest(requestBody, exchange.Request, out var detected, out var model);
        if (exchange.Api == ApiShape.Unknown)
        {
            exchange.Api = detected;
        }

        exchange.Model = model ?? exchange.Model;
        if (responseBody.IsEmpty)
        {
            exchange.ClearResponse();
            return requestOk;
        }

        if (TryNormalizeResponse(responseBody, exchange.UseResponse(), out var usage))
        {
            exchange.Usage = usage ?? exchange.Usage;
        }
        else
        {
            exchange.ClearResponse();
        }

        return requestOk;
    }
}
