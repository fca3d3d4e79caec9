using DistillGuard.Core.Engine;
using DistillGuard.Gateway.Features.Store;
using DistillGuard.Gateway.Options;

namespace DistillGuard.Gateway.Features.Detection;

/// <summary>
/// What a gateway's configuration gives its engine besides traffic: the policy thresholds and the admin overrides in
/// its store. <c>scan --gateway-config</c> loads them so a scan of that gateway's log applies what the gateway applied
/// and reaches the verdicts it reached live (with the defaults it would not, once an operator has tuned them).
/// </summary>
/// <param name="Options">The engine's options from <c>Gateway:Policy</c>.</param>
/// <param name="Overrides">The store's overrides; none when the store file does not exist yet.</param>
/// <param name="StorePath">Full path of the store the overrides were read from (or would be).</param>
/// <param name="LogDirectory">Full path of the gateway's exchange-log directory.</param>
/// <param name="ReplayWindow">The gateway's <c>Log.ReplayWindow</c>: how far back its replay at start reads.</param>
internal sealed record GatewayDetectionSettings(DetectionOptions Options, IReadOnlyList<VerdictOverride> Overrides, string StorePath, string LogDirectory, TimeSpan? ReplayWindow)
{
    /// <summary>
    /// The gateway's <c>overrides.jsonl</c> when it has one: every override it set or cleared, each from where its engine
    /// counted it, which a scan applies instead of the store's (those count from the log's start).
    /// </summary>
    public string? OverridesFilePath { get; } =
        File.Exists(Path.Combine(LogDirectory, Logging.OverridesLogFile.FileName)) ? Path.Combine(LogDirectory, Logging.OverridesLogFile.FileName) : null;

    /// <summary>Reads the config file as the gateway does (then <c>DISTILLGUARD_</c> environment variables).</summary>
    /// <exception cref="InvalidDataException">The file is unreadable or a policy value is malformed or out of range.</exception>
    public static GatewayDetectionSettings Load(string configPath)
    {
        // Outside the try: a file that does not parse is refused there already named, with its line and byte.
        var configuration = new ConfigurationBuilder();
        GatewayHost.AddConfigurationSources(configuration, configPath);
        GatewayOptions gateway;
        try
        {
            gateway = configuration.Build().GetSection(GatewayOptions.SectionName).Get<GatewayOptions>() ?? new GatewayOptions();
        }
        catch (Exception ex) when (ex is InvalidOperationException or InvalidDataException or FormatException or IOException)
        {
            throw new InvalidDataException($"{configPath}: {ex.Message}", ex);
        }

        DetectionOptions options;
        try
        {
            options = gateway.Policy.ToDetectionOptions();
            options.Validate();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{configPath}: {ex.Message}", ex);
        }
        catch (ArgumentException ex)
        {
            throw new InvalidDataException($"{configPath}: Gateway:Policy: {ex.Message}", ex);
        }

        var storePath = Path.GetFullPath(gateway.Store.Path);
        var logDirectory = Path.GetFullPath(gateway.Log.Directory);
        if (!File.Exists(storePath))
        {
            return new GatewayDetectionSettings(options, [], storePath, logDirectory, gateway.Log.ReplayWindow);
        }

        using var store = new GatewayStore(Microsoft.Extensions.Options.Options.Create(gateway));
        return new GatewayDetectionSettings(options, store.LoadOverrides(), storePath, logDirectory, gateway.Log.ReplayWindow);
    }
}
