namespace DistillGuard.Gateway.Features.Streaming;

/// <summary>A stateful rewrite of an SSE stream, event by event (countermeasures, shape translation).</summary>
internal interface ISseTransform
{
    /// <summary>Consumes one event and adds zero or more events to <paramref name="output"/>.</summary>
    void Transform(SseEvent input, List<SseEvent> output);

    /// <summary>The upstream stream ended; adds any closing events.</summary>
    void Complete(List<SseEvent> output);
}
