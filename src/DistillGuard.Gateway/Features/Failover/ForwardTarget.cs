namespace DistillGuard.Gateway.Features.Failover;

/// <summary>One place a request can be sent: an upstream and the model to ask it for.</summary>
internal sealed record ForwardTarget(Upstream Upstream, string Model, string? FailoverReason);
