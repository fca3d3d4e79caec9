using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using DistillGuard.Core.Log;
using DistillGuard.Gateway.Features.Countermeasures;
using DistillGuard.Gateway.Features.Enforcement;
using DistillGuard.Gateway.Features.Failover;
using DistillGuard.Gateway.Features.Shapes;
using DistillGuard.Gateway.Features.Streaming;
using Yarp.ReverseProxy.Forwarder;

namespace DistillGuard.Gateway.Features.Proxy;

/// <summary>
/// YARP transformer for one forwarding attempt. Request: points it at the chosen upstream, swaps the client's
/// key for the upstream's, asks for an uncompressed answer. Response: honest same-shape traffic is left to
/// YARP's byte-for-byte copy; translated or countermeasured responses are rewritten here (JSON or SSE, event by
/// event); a 5xx that can fail over is held back so the handler can retry at the fallback.
/// </summary>
internal sealed class GatewayTransformer(ForwardAttempt attempt, UpstreamHealthProbe health, TimeProvider time) : HttpTransformer
{
    public const string FailoverHeader = "x-distillguard-failover";

    public override async ValueTask TransformRequestAsync(HttpContext httpContext, HttpRequestMessage proxyRequest, string destinationPrefix, CancellationToken cancellationToken)
    {
        await base.TransformRequestAsync(httpContext, proxyRequest, destinationPrefix, cancellationToken).ConfigureAwait(false);
        var upstream = attempt.Target.Upstream;
        proxyRequest.RequestUri = upstream.RequestUri;
        UseBufferedBody(proxyRequest);
        var headers = proxyRequest.Headers;
        headers.Remove("x-api-key");
        headers.Authorization = null;
        headers.Remove("Accept-Encoding");
        headers.Remove("X-Forwarded-For");
        if (upstream.Shape == ApiShape.AnthropicMessages)
        {
            if (upstream.Options.ApiKey is { } key)
            {
                headers.TryAddWithoutValidation("x-api-key", key);
            }

            if (!headers.Contains("anthropic-version"))
            {
                headers.TryAddWithoutValidation("anthropic-version", "2023-06-01");
            }
        }
        else
        {
            headers.Remove("anthropic-version");
            headers.Remove("anthropic-beta");
            if (upstream.Options.ApiKey is { } key)
            {
                headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
            }
        }
    }

    /// <summary>
    /// The gateway has read the whole body (to validate, log and maybe rewrite it), so it sends it with the request
    /// line and headers in one write, as a buffering proxy such as nginx does. YARP's own content streams the client's
    /// body and flushes the headers ahead of it, which costs a second send here and a second receive at the upstream
    /// for every request; YARP leaves its content unused when it is replaced (a content that never started is not
    /// awaited).
    /// </summary>
    private void UseBufferedBody(HttpRequestMessage proxyRequest)
    {
        if (proxyRequest.Content is not { } streamed)
        {
            return;
        }

        var buffered = new ReadOnlyMemoryContent(attempt.Body);
        // The non-validated view enumerates without allocating; content headers almost always hold one value each.
        foreach (var (name, values) in streamed.Headers.NonValidated)
        {
            if (values.Count == 1)
            {
                buffered.Headers.TryAddWithoutValidation(name, values.ToString());
            }
            else
            {
                buffered.Headers.TryAddWithoutValidation(name, values);
            }
        }

        proxyRequest.Content = buffered;
    }

    public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
    {
        if (proxyResponse is null)
        {
            return await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        }

        var status = (int)proxyResponse.StatusCode;
        health.Report(attempt.Target.Upstream, status < 500);
        if (status >= 500 && attempt.CanRetry)
        {
            attempt.RetryRequested = true;
            attempt.UpstreamStatus = status;
            return false;
        }

        await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
        if (attempt.Target.FailoverReason is { } reason)
        {
            httpContext.Response.Headers[FailoverHeader] = $"{attempt.Target.Upstream.Name}/{attempt.Target.Model}; reason=\"{reason}\"";
        }

        if (!attempt.Rewrite)
        {
            return true;
        }

        httpContext.Response.ContentLength = null;
        httpContext.Response.Headers.Remove("Content-MD5");
        var upstreamStream = await proxyResponse.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        if (status >= 400)
        {
            if (!attempt.Translate)
            {
                await upstreamStream.CopyToAsync(httpContext.Response.Body, cancellationToken).ConfigureAwait(false);
                return false;
            }

            var detail = await new StreamReader(upstreamStream).ReadToEndAsync(cancellationToken).ConfigureAwait(false);
            await ErrorResponder.WriteAsync(httpContext, attempt.ClientShape, status, $"upstream {attempt.Target.Upstream.Name} answered {status}: {Truncate(detail)}", cancellationToken).ConfigureAwait(false);
            return false;
        }

        if (proxyResponse.Content.Headers.ContentType?.MediaType == "text/event-stream")
        {
            await SsePump.RunAsync(upstreamStream, httpContext.Response.Body, StreamTransforms(), cancellationToken).ConfigureAwait(false);
            return false;
        }

        var body = await JsonNode.ParseAsync(upstreamStream, cancellationToken: cancellationToken).ConfigureAwait(false);
        var rewritten = RewriteJson(body as JsonObject);
        httpContext.Response.ContentType = "application/json";
        await httpContext.Response.Body.WriteAsync(rewritten, cancellationToken).ConfigureAwait(false);
        return false;
    }

    private byte[] RewriteJson(JsonObject? body)
    {
        if (body is null)
        {
            return "{}"u8.ToArray();
        }

        if (attempt.Translate)
        {
            var message = attempt.Target.Upstream.Shape == ApiShape.OpenAIChat
                ? AssistantMessage.FromOpenAIResponse(JsonNodeText.ToElement(body))
                : AssistantMessage.FromAnthropicResponse(JsonNodeText.ToElement(body));
            var buffer = new System.Buffers.ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer))
            {
                if (attempt.ClientShape == ApiShape.OpenAIChat)
                {
                    message.WriteOpenAI(writer);
                }
                else
                {
                    message.WriteAnthropic(writer);
                }
            }

            body = (JsonObject)JsonNode.Parse(buffer.WrittenSpan)!;
        }

        if (attempt.Countermeasures is { } set)
        {
            ResponseCountermeasures.Apply(body, attempt.ClientShape, set);
        }

        return JsonNodeText.ToUtf8(body);
    }

    private List<ISseTransform> StreamTransforms()
    {
        var transforms = new List<ISseTransform>(2);
        if (attempt.Translate)
        {
            transforms.Add(attempt.ClientShape == ApiShape.OpenAIChat
                ? new AnthropicToOpenAIStream(time.GetUtcNow().ToUnixTimeSeconds())
                : new OpenAIToAnthropicStream());
        }

        if (attempt.Countermeasures is { } set)
        {
            transforms.Add(attempt.ClientShape == ApiShape.OpenAIChat ? new OpenAIStreamCountermeasures(set) : new AnthropicStreamCountermeasures(set));
        }

        return transforms;
    }

    private static string Truncate(string detail) => detail.Length <= 300 ? detail : detail[..300];
}
