namespace DistillGuard.Gateway.Features.Proxy;

/// <summary>
/// Sends a request body the gateway has already read (to validate it, log it and apply countermeasures) together
/// with the request headers, in one write, as a buffering proxy such as nginx does. YARP's own request content
/// streams the client's body and flushes the headers ahead of it, which costs a second send here and a second
/// receive at the upstream for every request. YARP lets its content go unused when the handler below it
/// replaces it (a content that never started is not awaited).
/// </summary>
internal sealed class BufferedBodyHandler(HttpMessageHandler inner) : DelegatingHandler(inner)
{
    /// <summary>The attempt whose <see cref="ForwardAttempt.Body"/> is this request's body.</summary>
    public static readonly HttpRequestOptionsKey<ForwardAttempt> AttemptKey = new("distillguard.attempt");

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Content is { } streamed && request.Options.TryGetValue(AttemptKey, out var attempt))
        {
            var buffered = new ReadOnlyMemoryContent(attempt.Body);
            foreach (var header in streamed.Headers)
            {
                buffered.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            request.Content = buffered;
        }

        return base.SendAsync(request, cancellationToken);
    }
}
