using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Countermeasures;
using DistillGuard.Gateway.Features.Enforcement;
using DistillGuard.Gateway.Features.Logging;
using DistillGuard.Gateway.Features.Operations;
using DistillGuard.Gateway.Features.RegionPolicy;
using DistillGuard.Gateway.Options;
using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.Options;

namespace DistillGuard.Gateway.Features.Reload;

/// <summary>
/// Re-reads the configuration (the JSON file, then the environment) on request — SIGHUP or <c>POST /admin/config/reload</c>
/// — and puts the policy an operator changes during an incident into force without a restart, which would replay
/// the whole exchange log: the region and network rules and IP table, the trusted proxies, the countermeasures per
/// verdict, the throttle rate, and the engine's verdict thresholds, conversational-use hold and risk model (every
/// account is re-decided at the engine's next tick: <see cref="DetectionEngine.Retune"/>). A new configuration is
/// validated as at start and applied only whole; when it is rejected the previous one stays in force. Every other
/// setting is read only at start, and a change to it is reported as needing a restart. Not on a file watcher: an
/// editor's save can be seen half-written.
/// </summary>
internal sealed class ConfigReloader(
    IConfiguration configuration,
    IOptionsFactory<GatewayOptions> factory,
    NetworkPolicy networkPolicy,
    ClientNetworkResolver networks,
    ThrottleBuckets buckets,
    CountermeasureSettings countermeasures,
    ExchangeLogPipeline pipeline,
    GatewayMetrics metrics,
    ILogger<ConfigReloader> logger)
{
    private const string RiskModelKey = "Gateway:Policy:RiskModel";

    /// <summary>Configuration keys under these are put into force by a reload; the rest need a restart.</summary>
    private static readonly string[] Reloadable =
    [
        "Gateway:Region",
        "Gateway:TrustedProxies",
        "Gateway:Countermeasures",
        "Gateway:Policy:ThrottleRequestsPerMinute",
        "Gateway:Policy:ThrottleBurst",
        "Gateway:Policy:ReviewRisk",
        "Gateway:Policy:ThrottleRisk",
        "Gateway:Policy:BlockRisk",
        "Gateway:Policy:HoldConversationalUse",
        "Gateway:Policy:PaymentBanEvasion",
        "Gateway:Policy:SignupDomainBanEvasion",
        RiskModelKey,
    ];

    // Async: the engine's part waits its turn on the engine thread.
    private readonly SemaphoreSlim _gate = new(1, 1);

    // The settings as last applied (at start, or by the last reload that was applied), to report what changed.
    private Dictionary<string, string?>? _applied;

    public async Task<ConfigReloadResult> ReloadAsync(string trigger, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var before = _applied ??= Snapshot();
            var result = await TryReloadAsync(before, cancellationToken).ConfigureAwait(false);
            if (result.Applied)
            {
                Interlocked.Increment(ref metrics.ConfigReloadsApplied);
                Log.ConfigReloaded(logger, trigger, Describe(result.Changed), Describe(result.NeedRestart));
            }
            else
            {
                Interlocked.Increment(ref metrics.ConfigReloadsRejected);
                Log.ConfigReloadRejected(logger, trigger, string.Join("; ", result.Errors));
            }

            return result;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<ConfigReloadResult> TryReloadAsync(Dictionary<string, string?> before, CancellationToken cancellationToken)
    {
        // A JSON file that does not parse would leave the configuration empty after Reload(): check it first.
        foreach (var file in JsonFiles())
        {
            if (ConfigFileSyntax.Problem(file) is { } problem)
            {
                return ConfigReloadResult.Rejected($"{file}: {problem}");
            }
        }

        GatewayOptions next;
        try
        {
            ((IConfigurationRoot)configuration).Reload();
            // Binds, post-configures and validates exactly as at start.
            next = factory.Create(Microsoft.Extensions.Options.Options.DefaultName);
        }
        catch (Exception ex) when (ex is AggregateException or OptionsValidationException or InvalidOperationException or InvalidDataException or FormatException or IOException)
        {
            // Reload() itself can throw: the options monitor behind ValidateOnStart rebinds and validates on the
            // configuration's change token, and its failures come back wrapped in aggregates.
            return ConfigReloadResult.Rejected([.. Reasons(ex).Distinct(StringComparer.Ordinal)]);
        }

        var after = Snapshot();
        var changed = before.Keys.Union(after.Keys, StringComparer.Ordinal)
            .Where(key => !string.Equals(before.GetValueOrDefault(key), after.GetValueOrDefault(key), StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        DetectionOptions engineOptions;
        try
        {
            // Reads the risk model file again, off the engine thread: it may have been rewritten in place since.
            engineOptions = next.Policy.ToDetectionOptions();
        }
        catch (InvalidDataException ex)
        {
            return ConfigReloadResult.Rejected(ex.Message);
        }

        // First, since only it can fail now (the gateway stopping): then nothing else has been applied either.
        var modelBefore = await pipeline.RunOnEngineAsync(engine =>
        {
            var fingerprint = engine.Options.RiskModel.Fingerprint;
            engine.Retune(engineOptions);
            return fingerprint;
        }, cancellationToken).ConfigureAwait(false);
        if (modelBefore != engineOptions.RiskModel.Fingerprint && !changed.Contains(RiskModelKey, StringComparer.OrdinalIgnoreCase))
        {
            // The same path, a new file: a refit written over the last one.
            changed.Add(RiskModelKey);
            changed.Sort(StringComparer.Ordinal);
        }

        networkPolicy.Apply(next.Region);
        networks.Apply(next);
        buckets.Apply(next.Policy);
        countermeasures.Apply(next.Countermeasures);
        _applied = after;
        return new ConfigReloadResult(true, [.. changed.Where(IsReloadable)], [.. changed.Where(static k => !IsReloadable(k))], []);
    }

    private static IEnumerable<string> Reasons(Exception ex) => ex switch
    {
        AggregateException aggregate => aggregate.Flatten().InnerExceptions.SelectMany(Reasons),
        OptionsValidationException validation => validation.Failures,
        _ => [ex.InnerException is { } inner ? $"{ex.Message} {inner.Message}" : ex.Message],
    };

    private static bool IsReloadable(string key) =>
        Reloadable.Any(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && (key.Length == prefix.Length || key[prefix.Length] == ':'));

    /// <summary>Every setting under <c>Gateway</c> with a value, by configuration key (values are never logged).</summary>
    private Dictionary<string, string?> Snapshot() =>
        configuration.GetSection(GatewayOptions.SectionName).AsEnumerable()
            .Where(static pair => pair.Value is not null)
            .ToDictionary(static pair => pair.Key, static pair => pair.Value, StringComparer.Ordinal);

    private IEnumerable<string> JsonFiles() =>
        ((IConfigurationRoot)configuration).Providers.OfType<JsonConfigurationProvider>()
            .Select(static p => p.Source.FileProvider?.GetFileInfo(p.Source.Path ?? string.Empty).PhysicalPath)
            .OfType<string>();

    private static string Describe(IReadOnlyList<string> keys) => keys.Count == 0 ? "none" : string.Join(", ", keys);
}
