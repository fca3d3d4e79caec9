using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Core.Engine;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Auth;
using DistillGuard.Gateway.Features.Countermeasures;
using DistillGuard.Gateway.Features.Detection;
using DistillGuard.Gateway.Features.Enforcement;
using DistillGuard.Gateway.Features.Failover;
using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Features.RegionPolicy;
using DistillGuard.Gateway.Features.Shapes;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Forwarder;

namespace DistillGuard.Gateway.Features.Proxy;

/// <summary>
/// The request path for both model APIs: authenticate, read and validate the body, apply network policy and
/// the account's verdict, route (with failover), forward through YARP, and hand the finished exchange to the
/// log pipeline. Everything heavier (reassembly, log writing, detection) happens off this path.
/// </summary>
internal sealed class GatewayProxyHandler(
    IHttpForwarder forwarder,
    UpstreamClient client,
    UpstreamRouter router,
    UpstreamHealthProbe health,
    ConnectionKeyCache keys,
    VerdictBoard verdicts,
    ThrottleBuckets buckets,
    ClientNetworkResolver networks,
    NetworkPolicy networkPolicy,
    CountermeasureSettings countermeasureSettings,
    ExchangeLogPipeline pipeline,
    GatewayMetrics metrics,
    IOptions<GatewayOptions> options,
    TimeProvider time,
    ILogger<GatewayProxyHandler> logger)
{
    private static readonly ForwarderRequestConfig RequestConfig = new()
    {
        ActivityTimeout = TimeSpan.FromMinutes(10),
        Version = HttpVersion.Version11,
        VersionPolicy = HttpVersionPolicy.RequestVersionOrLower,
    };

    private const string RequestIdPrefix = "req_";

    private readonly GatewayOptions _options = options.Value;

    public async Task HandleAsync(HttpContext context, ApiShape shape)
    {
        var started = time.GetTimestamp();
        var arrived = time.GetUtcNow().UtcDateTime;
        metrics.CountRequest((int)shape);
        var record = pipeline.Rent();
        var logged = false;
        try
        {
            logged = await ProcessAsync(context, shape, record, arrived).ConfigureAwait(false);
        }
        finally
        {
            var elapsed = time.GetElapsedTime(started);
            metrics.CountResponse((int)shape, context.Response.StatusCode, elapsed.TotalSeconds);
            if (logged)
            {
                record.Meta.Status = context.Response.StatusCode;
                record.Meta.LatencyMs = elapsed.TotalMilliseconds;
                await pipeline.EnqueueAsync(record, context.RequestAborted).ConfigureAwait(false);
            }
            else
            {
                pipeline.Return(record);
            }
        }
    }

    /// <summary>Returns true when the exchange belongs in the log (an authenticated, well-formed request).</summary>
    private async Task<bool> ProcessAsync(HttpContext context, ApiShape shape, ExchangeRecord record, DateTime arrived)
    {
        var requestId = NewRequestId();
        context.Response.Headers["x-distillguard-request-id"] = requestId;
        if (!keys.TryFind(context, ClientKeyReader.Read(context.Request), out var key))
        {
            Interlocked.Increment(ref metrics.Unauthenticated);
            await ErrorResponder.WriteAsync(context, shape, 401, "invalid or missing API key (send it in x-api-key or Authorization: Bearer)").ConfigureAwait(false);
            return false;
        }

        if (!await ReadBodyAsync(context, record.Request).ConfigureAwait(false))
        {
            Interlocked.Increment(ref metrics.TooLarge);
            await ErrorResponder.WriteAsync(context, shape, 413, $"request body exceeds the limit of {_options.MaxRequestBodyBytes} bytes").ConfigureAwait(false);
            return false;
        }

        if (!RequestInspector.TryInspect(record.Request.Span, shape, out var info, out var error))
        {
            Interlocked.Increment(ref metrics.Malformed);
            Log.Rejected(logger, requestId, 400, error);
            await ErrorResponder.WriteAsync(context, shape, 400, error).ConfigureAwait(false);
            return false;
        }

        var network = networks.Resolve(context);
        FillMeta(record.Meta, context, shape, requestId, key, network, arrived);

        // From here on the exchange is logged, and the log must hold what the client received.
        var clientBody = context.Response.Body;
        context.Response.Body = new CaptureStream(clientBody, record.Response);
        try
        {
            await ForwardOrRejectAsync(context, shape, record, info, network, requestId, key.AccountId).ConfigureAwait(false);
        }
        finally
        {
            record.ResponseIsStream = context.Response.ContentType?.StartsWith("text/event-stream", StringComparison.Ordinal) == true;
            context.Response.Body = clientBody;
        }

        return true;
    }

    /// <summary>Not async: each branch ends in one task, returned as it is (no state machine per request).</summary>
    private Task ForwardOrRejectAsync(HttpContext context, ApiShape shape, ExchangeRecord record, RequestInfo info, ClientNetwork network, string requestId, string accountId)
    {
        if (networkPolicy.IsFlagged(network))
        {
            Interlocked.Increment(ref metrics.FlaggedNetworkRequests);
        }

        if (networkPolicy.IsCountryDenied(network))
        {
            metrics.CountEnforcement(EnforcementAction.RegionDenied);
            return ErrorResponder.WriteAsync(context, shape, 403, $"requests from {network.Country} are not served");
        }

        if (networkPolicy.IsNetworkDenied(network))
        {
            metrics.CountEnforcement(EnforcementAction.NetworkDenied);
            return ErrorResponder.WriteAsync(context, shape, 403, "requests from this network type are not served");
        }

        var verdict = verdicts.Effective(accountId);
        CountermeasureSet? countermeasures = null;
        switch (verdict)
        {
            case Verdict.Block:
                metrics.CountEnforcement(EnforcementAction.Blocked);
                return ErrorResponder.WriteAsync(context, shape, 403, "this account is blocked for suspected model distillation; contact support if you believe this is wrong");
            case Verdict.Throttle:
                if (!buckets.TryTake(accountId, out var retryAfter))
                {
                    metrics.CountEnforcement(EnforcementAction.Throttled);
                    context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
                    return ErrorResponder.WriteAsync(context, shape, 429, "this account is rate limited pending review; retry after the indicated delay");
                }

                countermeasures = countermeasureSettings.Current.Throttle;
                break;
            case Verdict.Review:
                metrics.CountEnforcement(EnforcementAction.ReviewRecorded);
                countermeasures = countermeasureSettings.Current.Review;
                break;
        }

        if (countermeasures is { IsActive: false })
        {
            countermeasures = null;
        }
        else if (countermeasures is not null)
        {
            metrics.CountEnforcement(EnforcementAction.Countermeasure);
        }

        var target = router.Route(info.Model, shape);
        if (target is null)
        {
            var served = router.ServesModel(info.Model);
            return ErrorResponder.WriteAsync(context, shape, served ? 503 : 404, served ? $"no healthy upstream for model {info.Model}" : $"model {info.Model} is not served here");
        }

        return ForwardWithFailoverAsync(context, shape, record, target, countermeasures, requestId);
    }

    private async Task ForwardWithFailoverAsync(HttpContext context, ApiShape shape, ExchangeRecord record, ForwardTarget target, CountermeasureSet? countermeasures, string requestId)
    {
        var originalModel = target.Model;
        // The upstreams tried before this one; allocated only when a request fails over.
        List<Upstream>? tried = null;
        while (true)
        {
            var next = router.NextAfter(target, target.Upstream.FailedReason, requireHealthy: false);
            if (next is not null && (next.Upstream == target.Upstream || tried?.Contains(next.Upstream) == true))
            {
                // Fallbacks may point at each other; each upstream gets one try per request.
                next = null;
            }

            var attempt = new ForwardAttempt(target, shape, countermeasures, canRetry: next is not null);
            if (target.FailoverReason is not null)
            {
                Interlocked.Increment(ref metrics.Failovers);
                Log.FailedOver(logger, requestId, LogNames.ToWire(shape), originalModel, target.Upstream.Name, target.Model, target.FailoverReason);
            }

            SetRequestBody(context, record, attempt);
            var sent = time.GetTimestamp();
            var error = await forwarder.SendAsync(context, target.Upstream.BaseUrl, client.Invoker, RequestConfig, new GatewayTransformer(attempt, health, time)).ConfigureAwait(false);
            target.Upstream.Duration.Record(time.GetElapsedTime(sent).TotalSeconds);
            var failed = attempt.RetryRequested || (error != ForwarderError.None && !context.Response.HasStarted && error is ForwarderError.Request or ForwarderError.RequestTimedOut or ForwarderError.NoAvailableDestinations);
            if (error is ForwarderError.Request or ForwarderError.RequestTimedOut)
            {
                health.Report(target.Upstream, ok: false);
            }

            if (failed || error != ForwarderError.None)
            {
                Interlocked.Increment(ref metrics.UpstreamErrors);
                Log.ForwardFailed(logger, requestId, target.Upstream.Name, attempt.RetryRequested ? $"status {attempt.UpstreamStatus}" : error.ToString(), context.Features.Get<IForwarderErrorFeature>()?.Exception);
            }

            if (failed && next is not null && !context.Response.HasStarted)
            {
                context.Response.Clear();
                context.Features.Set<IForwarderErrorFeature>(null);
                (tried ??= new List<Upstream>(2)).Add(target.Upstream);
                target = next;
                continue;
            }

            if (error != ForwarderError.None && !context.Response.HasStarted)
            {
                context.Response.Clear();
                await ErrorResponder.WriteAsync(context, shape, 502, $"upstream {target.Upstream.Name} could not be reached").ConfigureAwait(false);
            }

            return;
        }
    }

    /// <summary>
    /// Sets the body this attempt sends: the client's bytes, or a translated/countermeasured rewrite. The transformer
    /// sends it with the headers (<see cref="GatewayTransformer"/>); the request stream holds the same bytes, so YARP's
    /// own copy would send them too.
    /// </summary>
    private static void SetRequestBody(HttpContext context, ExchangeRecord record, ForwardAttempt attempt)
    {
        ReadOnlyMemory<byte> body;
        var needsRewrite = attempt.Translate || (attempt.Countermeasures is { } set && (set.MaxTokensCap is not null || set.DecoyTools));
        if (needsRewrite)
        {
            var node = JsonNode.Parse(record.Request.Span) as JsonObject ?? [];
            var upstreamShape = attempt.Target.Upstream.Shape;
            if (attempt.Translate)
            {
                node = upstreamShape == ApiShape.OpenAIChat
                    ? RequestTranslator.AnthropicToOpenAI(node, attempt.Target.Model)
                    : RequestTranslator.OpenAIToAnthropic(node, attempt.Target.Model);
            }
            else if (attempt.Target.FailoverReason is not null)
            {
                node["model"] = attempt.Target.Model;
            }

            if (attempt.Countermeasures is { } cm)
            {
                attempt.Countermeasures = RequestCountermeasures.Apply(node, upstreamShape, cm);
            }

            body = JsonNodeText.ToUtf8(node);
        }
        else if (attempt.Target.FailoverReason is not null && attempt.Target.Model != ModelOf(record))
        {
            var node = JsonNode.Parse(record.Request.Span) as JsonObject ?? [];
            node["model"] = attempt.Target.Model;
            body = JsonNodeText.ToUtf8(node);
        }
        else
        {
            body = record.Request.Memory;
        }

        attempt.Body = body;
        MemoryMarshal.TryGetArray(body, out var segment);
        context.Request.Body = new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false);
        context.Request.ContentLength = body.Length;
        context.Request.Headers.Remove("Transfer-Encoding");
    }

    private static string? ModelOf(ExchangeRecord record)
    {
        var reader = new Utf8JsonReader(record.Request.Span);
        reader.Read();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("model"u8))
            {
                reader.Read();
                return reader.GetString();
            }

            reader.Read();
            reader.Skip();
        }

        return null;
    }

    private async Task<bool> ReadBodyAsync(HttpContext context, ByteSink sink)
    {
        var limit = _options.MaxRequestBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            return false;
        }

        var body = context.Request.Body;
        while (true)
        {
            var memory = sink.GetMemory(context.Request.ContentLength is { } length and > 0 ? (int)Math.Min(length - sink.Length + 1, limit + 1) : 16 * 1024);
            var read = await body.ReadAsync(memory, context.RequestAborted).ConfigureAwait(false);
            if (read == 0)
            {
                return true;
            }

            sink.Advance(read);
            if (sink.Length > limit)
            {
                return false;
            }
        }
    }

    private static void FillMeta(Exchange meta, HttpContext context, ApiShape shape, string requestId, ApiKeyEntry key, in ClientNetwork network, DateTime arrived)
    {
        meta.Timestamp = arrived;
        meta.RequestId = requestId;
        meta.AccountId = key.AccountId;
        meta.ApiKeyId = key.KeyId;
        meta.Ip = network.Ip;
        meta.Country = network.Country;
        meta.Asn = network.Asn;
        meta.AsnOrg = network.AsnOrg;
        meta.AsnType = network.AsnType;
        var userAgent = context.Request.Headers.UserAgent;
        meta.UserAgent = userAgent.Count > 0 ? userAgent[0] : null;
        meta.TlsFingerprint = network.TlsFingerprint;
        meta.Api = shape;
    }

    /// <summary>
    /// A correlation id, not a secret: 96 bits from the shared (OS-seeded, thread-safe) generator, which costs a
    /// fraction of an OpenSSL RAND call per request and does not reveal how many requests came before.
    /// </summary>
    private static string NewRequestId() =>
        string.Create(RequestIdPrefix.Length + 24, 0, static (chars, _) =>
        {
            Span<byte> random = stackalloc byte[12];
            Random.Shared.NextBytes(random);
            RequestIdPrefix.CopyTo(chars);
            Convert.TryToHexStringLower(random, chars[RequestIdPrefix.Length..], out _);
        });
}
