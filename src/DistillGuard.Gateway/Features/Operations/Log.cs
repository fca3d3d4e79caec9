
namespace DistillGuard.Gateway.Features.Operations;

/// <summary>The gateway's structured log events. Stable event ids; API keys and bodies are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "DistillGuard gateway listening; {UpstreamCount} upstreams, exchange log in {LogDirectory}, risk model {RiskModel}")]
    public static partial void GatewayStarted(ILogger logger, int upstreamCount, string logDirectory, string riskModel);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Upstream {Upstream} marked unhealthy after {Failures} consecutive failures")]
    public static partial void UpstreamUnhealthy(ILogger logger, string upstream, int failures);

    [LoggerMessage(EventId = 3, Level = LogLevel.Information, Message = "Upstream {Upstream} healthy again")]
    public static partial void UpstreamRecovered(ILogger logger, string upstream);

    [LoggerMessage(EventId = 4, Level = LogLevel.Information, Message = "Request {RequestId} ({Api}, model {FromModel}) failed over to {To}/{ToModel}: {Reason}")]
    public static partial void FailedOver(ILogger logger, string requestId, string api, string fromModel, string to, string toModel, string reason);

    [LoggerMessage(EventId = 5, Level = LogLevel.Warning, Message = "Account {AccountId} verdict {From} -> {To} (risk {Risk:F2}, campaign {CampaignId})")]
    public static partial void VerdictChanged(ILogger logger, string accountId, string from, string to, double risk, string? campaignId);

    [LoggerMessage(EventId = 6, Level = LogLevel.Warning, Message = "Admin override for account {AccountId}: {Verdict} ({Reason})")]
    public static partial void OverrideSet(ILogger logger, string accountId, string verdict, string? reason);

    [LoggerMessage(EventId = 7, Level = LogLevel.Information, Message = "Exchange log rotated to {Path}")]
    public static partial void LogRotated(ILogger logger, string path);

    [LoggerMessage(EventId = 8, Level = LogLevel.Warning, Message = "Exchange log queue full ({Capacity}); holding the request path until it drains")]
    public static partial void LogQueueFull(ILogger logger, int capacity);

    [LoggerMessage(EventId = 9, Level = LogLevel.Warning, Message = "Forwarding request {RequestId} to upstream {Upstream} failed: {Error}")]
    public static partial void ForwardFailed(ILogger logger, string requestId, string upstream, string error, Exception? exception);

    [LoggerMessage(EventId = 10, Level = LogLevel.Error, Message = "Could not write exchange record {RequestId}")]
    public static partial void LogWriteFailed(ILogger logger, string? requestId, Exception exception);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "Exchange log drained on shutdown: {Written} records written in total")]
    public static partial void LogDrained(ILogger logger, long written);

    [LoggerMessage(EventId = 12, Level = LogLevel.Information, Message = "API key {KeyId} created for account {AccountId}")]
    public static partial void KeyCreated(ILogger logger, string keyId, string accountId);

    [LoggerMessage(EventId = 13, Level = LogLevel.Information, Message = "API key {KeyId} revoked")]
    public static partial void KeyRevoked(ILogger logger, string keyId);

    [LoggerMessage(EventId = 14, Level = LogLevel.Debug, Message = "Request {RequestId} rejected with {Status}: {Reason}")]
    public static partial void Rejected(ILogger logger, string requestId, int status, string reason);

    [LoggerMessage(EventId = 15, Level = LogLevel.Error, Message = "Detection engine failed on exchange {RequestId}")]
    public static partial void EngineFailed(ILogger logger, string? requestId, Exception exception);

    [LoggerMessage(EventId = 16, Level = LogLevel.Information, Message = "Replayed {Exchanges} logged exchanges from {Files} files into the engine in {Seconds:F1} s")]
    public static partial void LogReplayed(ILogger logger, long exchanges, int files, double seconds);

    [LoggerMessage(EventId = 17, Level = LogLevel.Warning, Message = "Replay at start skipped {BadRecords} bad lines in the exchange log, first ones: {Samples}")]
    public static partial void LogReplayBadRecords(ILogger logger, long badRecords, string samples);

    [LoggerMessage(EventId = 18, Level = LogLevel.Debug, Message = "Account {AccountId} verdict {From} -> {To} in the replay at start (risk {Risk:F2}, campaign {CampaignId})")]
    public static partial void VerdictReplayed(ILogger logger, string accountId, string from, string to, double risk, string? campaignId);

    [LoggerMessage(EventId = 20, Level = LogLevel.Information, Message = "Replay at start left out {Files} exchange files last written before {Cutoff:O} (Log.ReplayWindow {Window})")]
    public static partial void LogReplayLeftOut(ILogger logger, int files, DateTime cutoff, TimeSpan window);

    [LoggerMessage(EventId = 21, Level = LogLevel.Information, Message = "Configuration reloaded ({Trigger}): now in force {Changed}; read only at start, so needing a restart: {NeedRestart}")]
    public static partial void ConfigReloaded(ILogger logger, string trigger, string changed, string needRestart);

    [LoggerMessage(EventId = 22, Level = LogLevel.Error, Message = "Configuration reload ({Trigger}) rejected, the settings in force are kept: {Errors}")]
    public static partial void ConfigReloadRejected(ILogger logger, string trigger, string errors);

    [LoggerMessage(EventId = 23, Level = LogLevel.Error, Message = "Configuration reload failed, the settings in force are kept")]
    public static partial void ConfigReloadFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 24, Level = LogLevel.Warning, Message = "Could not compress the closed exchange file {Path}; it stays as it is and is tried again at the next start")]
    public static partial void LogCompressionFailed(ILogger logger, string path, Exception exception);

    [LoggerMessage(EventId = 25, Level = LogLevel.Warning, Message = "An interrupted compression left {Kept} and {Deleted}; kept {Kept}, the one holding every record, and deleted {Deleted}")]
    public static partial void LogCompressionRecovered(ILogger logger, string kept, string deleted);

    [LoggerMessage(EventId = 27, Level = LogLevel.Warning, Message = "{Plain} and {Gzip} hold different records; both are kept and read")]
    public static partial void LogCompressionPairDiffers(ILogger logger, string plain, string gzip);

    [LoggerMessage(EventId = 26, Level = LogLevel.Information, Message = "Override {Verdict} set on the {Count} accounts of campaign {CampaignId}: {Reason}")]
    public static partial void CampaignOverrideSet(ILogger logger, string campaignId, string verdict, int count, string? reason);

    [LoggerMessage(EventId = 28, Level = LogLevel.Information, Message = "Overrides removed from the {Count} accounts of campaign {CampaignId} that had one; the engine decides for them again")]
    public static partial void CampaignOverridesCleared(ILogger logger, string campaignId, int count);

    [LoggerMessage(EventId = 19, Level = LogLevel.Information, Message = "After the replay: {Review} accounts under review, {Throttle} throttled, {Block} blocked")]
    public static partial void ReplayVerdicts(ILogger logger, long review, long throttle, long block);

    [LoggerMessage(EventId = 29, Level = LogLevel.Warning, Message = "Start skipped {BadRecords} bad lines in {Path}, first ones: {Samples}")]
    public static partial void SideFileBadRecords(ILogger logger, string path, long badRecords, string samples);

    [LoggerMessage(EventId = 30, Level = LogLevel.Warning, Message = "{Count} accounts in the store are not as {Path} last recorded them (first: {First}); the store's records count from now and were appended there")]
    public static partial void AccountsFileBehindStore(ILogger logger, int count, string path, string first);

    [LoggerMessage(EventId = 31, Level = LogLevel.Warning, Message = "{Count} accounts' overrides in the store are not as {Path} last recorded them (first: {First}); the store's count from now and were appended there")]
    public static partial void OverridesFileBehindStore(ILogger logger, int count, string path, string first);
}
