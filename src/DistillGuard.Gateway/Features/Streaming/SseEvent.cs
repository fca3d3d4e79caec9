namespace DistillGuard.Gateway.Features.Streaming;

/// <summary>One server-sent event as text: optional <c>event:</c> name and its <c>data:</c> payload.</summary>
internal sealed record SseEvent(string? Name, string Data);
