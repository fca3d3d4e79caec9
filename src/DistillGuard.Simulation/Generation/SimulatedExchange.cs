using DistillGuard.Core.Log;

namespace DistillGuard.Simulation.Generation;

/// <summary>
/// One generated exchange: metadata (in <see cref="Exchange"/>, whose normalised request/response are left empty),
/// the request and response bodies as real API JSON, and the truth label. The enumerator reuses one instance and its
/// buffers: copy what you keep before moving to the next exchange.
/// </summary>
public sealed class SimulatedExchange
{
    /// <summary>Timestamp, account, network, client, API shape, model, status, latency, usage.</summary>
    public Exchange Exchange { get; } = new();

    /// <summary>The request body (UTF-8 JSON) in the shape <see cref="Exchange.Api"/> names.</summary>
    public ReadOnlyMemory<byte> RequestJson { get; internal set; }

    /// <summary>The response body (UTF-8 JSON), same shape, with usage.</summary>
    public ReadOnlyMemory<byte> ResponseJson { get; internal set; }

    /// <summary>Truth label of the account: honest archetype or campaign name.</summary>
    public string Label { get; internal set; } = string.Empty;

    /// <summary>Whether this is a campaign account's filler (unrelated) traffic.</summary>
    public bool IsFiller { get; internal set; }

    /// <summary>The simulator's task name for this exchange (coding, reasoning, grading_reward, ...).</summary>
    public string Task { get; internal set; } = string.Empty;

    /// <summary>Id of the template family the prompt came from (campaign prompts; null for free-form honest text).</summary>
    public string? TemplateId { get; internal set; }
}
