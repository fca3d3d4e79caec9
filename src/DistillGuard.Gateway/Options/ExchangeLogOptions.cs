using System.ComponentModel.DataAnnotations;

namespace DistillGuard.Gateway.Options;

/// <summary>How exchanges are written to the exchange log.</summary>
public sealed class ExchangeLogOptions
{
    /// <summary>Directory of the rotating <c>.jsonl</c> files (also gets <c>accounts.jsonl</c>). Default <c>logs</c>.</summary>
    [Required]
    public string Directory { get; set; } = "logs";

    /// <summary>A file is closed and a new one started past this size. Default 64 MiB.</summary>
    [Range(4096, long.MaxValue)]
    public long MaxFileBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Exchanges waiting to be logged before the request path is held back (counted). Default 8192.</summary>
    [Range(1, 1_000_000)]
    public int QueueCapacity { get; set; } = 8192;

    /// <summary>Response bytes kept for the log per exchange; longer responses are logged truncated (counted). Default 1 MiB.</summary>
    [Range(1024, 64 * 1024 * 1024)]
    public int MaxResponseBytes { get; set; } = 1024 * 1024;

    /// <summary>
    /// Longest time a logged exchange waits in the writer's buffer before it reaches the file (a full buffer is
    /// written at once, and a graceful stop writes everything). Default 1 second; 10 ms to 10 minutes (checked in
    /// <see cref="GatewayOptionsValidator"/>).
    /// </summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Whether the gateway, at start and before it takes traffic, replays the exchange files already in
    /// <see cref="Directory"/> through the engine, so verdicts survive a restart and match a <c>scan</c> of the folder.
    /// Start-up takes as long as that scan (docs/gateway.md, "Restarts"). Default true.
    /// </summary>
    public bool ReplayOnStart { get; set; } = true;

    /// <summary>
    /// When set, the replay at start reads only the exchange files last written within this time before now (a
    /// file's modification time is when its newest record reached it), so a folder holding months of traffic does
    /// not hold up a start for minutes. Verdicts reached only on older traffic are then not restored (docs/gateway.md,
    /// "Restarts"). Default: not set, every file is replayed.
    /// </summary>
    public TimeSpan? ReplayWindow { get; set; }

    /// <summary>
    /// Whether each exchange file is gzipped in place (<c>.jsonl.gz</c>, which <c>scan</c> and the replay read) once
    /// it is closed — at rotation, or at the next start for the file a stop closed — on a worker of its own. JSON
    /// logs shrink several times over; the cost is CPU while a file is compressed. Default false.
    /// </summary>
    public bool CompressRotated { get; set; }
}
