namespace DistillGuard.Gateway.Features.Proxy;

/// <summary>What the gateway needs from a request body before forwarding it.</summary>
internal readonly record struct RequestInfo(string Model, bool Stream);
